//! The terms a company sets on a service — price model, lead time, readiness level, price — as the catalogue's
//! filters and the match page's form read, show and say them (`kit/terms-fields.html`).

use crate::kit::error::WebError;
use crate::kit::params::Params;
use domain::catalogue::{PricingModel, Terms};
use i18n::Tr;

/// The lead times the catalogue filters on, in weeks.
pub const LEAD_TIME_CHOICES: [u16; 6] = [1, 2, 4, 8, 12, 26];

/// A label/value choice for a filter select.
pub struct Opt {
    /// Value.
    pub value: String,
    /// Label.
    pub label: String,
    /// Selected.
    pub selected: bool,
}

pub(crate) fn opts<T: Copy + PartialEq>(
    all: &[T],
    code: fn(T) -> &'static str,
    prefix: &str,
    t: Tr,
    current: Option<T>,
) -> Vec<Opt> {
    all.iter()
        .map(|v| Opt {
            value: code(*v).to_owned(),
            label: t.t(&format!("{prefix}-{}", code(*v))),
            selected: current == Some(*v),
        })
        .collect()
}

/// The terms a company sets, from the catalogue's and the match page's form (`pricing`, `lead`, `trl`, `price`).
pub(crate) fn terms(params: &Params) -> Result<Terms, WebError> {
    Ok(Terms {
        pricing: params.vocabulary("pricing", PricingModel::ALL, PricingModel::as_str)?,
        max_lead_weeks: params
            .number("lead", 1, u32::from(domain::catalogue::MAX_LEAD_TIME_WEEKS))?
            .and_then(|w| u16::try_from(w).ok()),
        trl: params
            .number("trl", 1, 9)?
            .and_then(|l| u8::try_from(l).ok()),
        max_price_sek: params.number("price", 1, 1_000_000_000)?.map(u64::from),
    })
}

/// The choices of the terms' fields (price model, lead time, readiness level, price), as the catalogue and the
/// match page show them (`way_in/terms-fields.html`).
pub struct TermChoices {
    /// Price model options.
    pub pricings: Vec<Opt>,
    /// Lead time options (weeks).
    pub leads: Vec<Opt>,
    /// Readiness level options.
    pub trls: Vec<Opt>,
    /// The highest starting price typed (SEK), as typed back.
    pub price: String,
}

pub(crate) fn term_choices(t: Tr, terms: &Terms) -> TermChoices {
    TermChoices {
        pricings: opts(
            PricingModel::ALL,
            PricingModel::as_str,
            "pricing",
            t,
            terms.pricing,
        ),
        leads: LEAD_TIME_CHOICES
            .iter()
            .map(|w| Opt {
                value: w.to_string(),
                label: t.n("offer-lead-at-most", "weeks", u64::from(*w)),
                selected: terms.max_lead_weeks == Some(*w),
            })
            .collect(),
        trls: (1..=9u8)
            .map(|l| Opt {
                value: l.to_string(),
                label: t.t1("trl-level", "level", l),
                selected: terms.trl == Some(l),
            })
            .collect(),
        price: terms
            .max_price_sek
            .map(|p| p.to_string())
            .unwrap_or_default(),
    }
}

/// The terms in words ("Free of charge, at most 4 weeks, TRL 4, price from at most 50,000 SEK").
pub(crate) fn terms_text(t: Tr, terms: &Terms) -> String {
    let mut parts = Vec::new();
    if let Some(p) = terms.pricing {
        parts.push(t.t(&format!("pricing-{p}")));
    }
    if let Some(w) = terms.max_lead_weeks {
        parts.push(t.n("offer-lead-at-most", "weeks", u64::from(w)));
    }
    if let Some(l) = terms.trl {
        parts.push(t.t1("trl-level", "level", l));
    }
    if let Some(p) = terms.max_price_sek {
        parts.push(t.t1("match-term-price", "price", t.number(p as f64)));
    }
    parts.join(", ")
}
