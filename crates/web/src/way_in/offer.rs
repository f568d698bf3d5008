//! What a company decides on, beside a service's description: its indicative price, lead time, the technology
//! readiness levels it serves, equipment and methods, and the documents to prepare — the fields of the service
//! form, what the service page and the catalogue show, and the catalogue's filters on them.

use super::catalogue::Fact;
use crate::kit::forms::{Choice, Field, FieldKind, FormData, Section};
use crate::kit::text::Text;
use domain::catalogue::{MAX_LEAD_TIME_WEEKS, Offer, PriceRange, PricingModel, Service, TrlRange};
use domain::strategy::Currency;
use domain::{Lang, LangText};
use i18n::Tr;

/// The longest list of equipment or documents, in characters.
const MAX_LIST: usize = 3_000;
/// The highest price a manager can state (a thousand million).
const MAX_PRICE: u64 = 1_000_000_000;

/// The form's section on the offer, filled from `s` or from what was typed.
pub(crate) fn offer_section(t: Tr, s: Option<&Service>, form: Option<&FormData>) -> Section {
    let o = s.map(|s| s.offer.clone()).unwrap_or_default();
    let val = |name: &str, stored: String| match form {
        Some(f) => f.value(name),
        None => stored,
    };
    let num = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
    let text = |t: &Option<LangText>, sv: bool| {
        t.as_ref()
            .map(|x| if sv { x.sv.clone() } else { x.en.clone() })
            .unwrap_or_default()
    };
    let trl = |stored: Option<u8>, name: &str, label: &str| {
        let current = val(name, stored.map(|v| v.to_string()).unwrap_or_default());
        let mut choices = vec![Choice {
            value: String::new(),
            label: t.t("not-stated"),
            selected: current.is_empty(),
        }];
        choices.extend((1..=9u8).map(|l| Choice {
            value: l.to_string(),
            label: t.t1("trl-level", "level", l),
            selected: current == l.to_string(),
        }));
        Field::new(FieldKind::Select, name, t.t(label)).choices(choices)
    };
    Section {
        legend: Some(t.t("offer-legend")),
        fields: vec![
            Field::new(FieldKind::Number, "price_low", t.t("offer-price-low"))
                .value(val("price_low", num(o.price.map(|p| p.low))))
                .hint(t.t("offer-price-hint")),
            Field::new(FieldKind::Number, "price_high", t.t("offer-price-high"))
                .value(val("price_high", num(o.price.map(|p| p.high)))),
            Field::new(FieldKind::Text, "price_currency", t.t("offer-currency"))
                .value(val(
                    "price_currency",
                    o.price
                        .map_or_else(|| "SEK".to_owned(), |p| p.currency.as_str().to_owned()),
                ))
                .hint(t.t("offer-currency-hint"))
                .maxlength(3),
            Field::new(
                FieldKind::Number,
                "lead_time_weeks",
                t.t("offer-lead-weeks"),
            )
            .value(val(
                "lead_time_weeks",
                num(o.lead_time_weeks.map(u64::from)),
            ))
            .hint(t.t("offer-lead-weeks-hint")),
            trl(o.trl.map(TrlRange::low), "trl_low", "offer-trl-low"),
            trl(o.trl.map(TrlRange::high), "trl_high", "offer-trl-high"),
            Field::new(
                FieldKind::Textarea,
                "equipment_sv",
                t.t("offer-equipment-sv"),
            )
            .value(val("equipment_sv", text(&o.equipment, true)))
            .hint(t.t("offer-lines-hint"))
            .lang("sv")
            .maxlength(MAX_LIST),
            Field::new(
                FieldKind::Textarea,
                "equipment_en",
                t.t("offer-equipment-en"),
            )
            .value(val("equipment_en", text(&o.equipment, false)))
            .lang("en")
            .maxlength(MAX_LIST),
            Field::new(
                FieldKind::Textarea,
                "documents_sv",
                t.t("offer-documents-sv"),
            )
            .value(val("documents_sv", text(&o.documents, true)))
            .hint(t.t("offer-lines-hint"))
            .lang("sv")
            .maxlength(MAX_LIST),
            Field::new(
                FieldKind::Textarea,
                "documents_en",
                t.t("offer-documents-en"),
            )
            .value(val("documents_en", text(&o.documents, false)))
            .lang("en")
            .maxlength(MAX_LIST),
        ],
    }
}

/// Reads the offer's fields; each problem with its field, translated. Empty fields state nothing.
pub(crate) fn read_offer(t: Tr, f: &FormData, errs: &mut Vec<(String, String)>) -> Offer {
    let mut number = |name: &str, max: u64| -> Option<u64> {
        let raw = f.value(name).replace([' ', '\u{a0}'], "");
        if raw.is_empty() {
            return None;
        }
        match raw.parse::<u64>() {
            Ok(v) if v <= max => Some(v),
            _ => {
                errs.push((name.to_owned(), t.t1("offer-error-number", "max", max)));
                None
            }
        }
    };
    let low = number("price_low", MAX_PRICE);
    let high = number("price_high", MAX_PRICE);
    let weeks = number("lead_time_weeks", u64::from(MAX_LEAD_TIME_WEEKS));
    let trl_low = number("trl_low", 9);
    let trl_high = number("trl_high", 9);
    let currency_raw = f.value("price_currency");
    let currency = if currency_raw.is_empty() {
        Some(Currency::SEK)
    } else {
        Currency::parse(&currency_raw)
    };
    if currency.is_none() {
        errs.push(("price_currency".into(), t.t("offer-error-currency")));
    }
    let price = match (low, high) {
        (None, None) => None,
        (Some(l), Some(h)) if l <= h => currency.and_then(|c| PriceRange::new(l, h, c)),
        (Some(_), Some(_)) => {
            errs.push(("price_high".into(), t.t("offer-error-price-order")));
            None
        }
        (None, Some(_)) => {
            errs.push(("price_low".into(), t.t("offer-error-price-both")));
            None
        }
        (Some(_), None) => {
            errs.push(("price_high".into(), t.t("offer-error-price-both")));
            None
        }
    };
    let small = |v: Option<u64>| v.and_then(|v| u8::try_from(v).ok());
    let trl = match (small(trl_low), small(trl_high)) {
        (None, None) => None,
        (Some(l), Some(h)) => {
            let range = TrlRange::new(l, h);
            if range.is_none() {
                errs.push(("trl_high".into(), t.t("offer-error-trl")));
            }
            range
        }
        (None, Some(_)) => {
            errs.push(("trl_low".into(), t.t("offer-error-trl-both")));
            None
        }
        (Some(_), None) => {
            errs.push(("trl_high".into(), t.t("offer-error-trl-both")));
            None
        }
    };
    let mut pair = |prefix: &str| -> Option<LangText> {
        let (sv, en) = (
            f.value(&format!("{prefix}_sv")),
            f.value(&format!("{prefix}_en")),
        );
        for (name, v) in [("sv", &sv), ("en", &en)] {
            if v.chars().count() > MAX_LIST {
                errs.push((
                    format!("{prefix}_{name}"),
                    t.t1("field-too-long", "max", MAX_LIST),
                ));
            }
        }
        match (sv.is_empty(), en.is_empty()) {
            (true, true) => None,
            (false, false) => Some(LangText::new(sv, en)),
            (true, false) => {
                errs.push((format!("{prefix}_sv"), t.t("error-both-languages")));
                None
            }
            (false, true) => {
                errs.push((format!("{prefix}_en"), t.t("error-both-languages")));
                None
            }
        }
    };
    let equipment = pair("equipment");
    let documents = pair("documents");
    Offer {
        price,
        lead_time_weeks: weeks.and_then(|w| u16::try_from(w).ok()),
        trl,
        equipment,
        documents,
    }
}

/// A price range as people read it: "5 000–20 000 kr per hour".
pub(crate) fn price_text(t: Tr, pricing: Option<PricingModel>, p: PriceRange) -> String {
    let lang = t.lang;
    let amount = |v: u64| i18n::amount(v as f64, lang);
    let range = if p.low == p.high {
        amount(p.low)
    } else {
        format!("{}–{}", amount(p.low), amount(p.high))
    };
    let key = if pricing == Some(PricingModel::Hourly) {
        "offer-price-per-hour"
    } else {
        "offer-price-range"
    };
    t.t2(key, ("range", &range), ("currency", p.currency.as_str()))
}

/// One line for the catalogue: price model, lead time and readiness levels, as far as they are stated.
pub(crate) fn offer_summary(t: Tr, s: &Service) -> String {
    let mut parts = Vec::new();
    if let Some(p) = s.pricing {
        parts.push(t.t(&format!("pricing-{p}")));
    }
    if let Some(p) = s.offer.price {
        parts.push(price_text(t, s.pricing, p));
    }
    if let Some(w) = s.offer.lead_time_weeks {
        parts.push(t.n("offer-lead-short", "weeks", u64::from(w)));
    }
    if let Some(r) = s.offer.trl {
        parts.push(trl_text(t, r));
    }
    parts.join(" · ")
}

fn trl_text(t: Tr, r: TrlRange) -> String {
    if r.low() == r.high() {
        t.t1("offer-trl-one", "level", r.low())
    } else {
        t.t2(
            "offer-trl-range",
            ("low", &r.low().to_string()),
            ("high", &r.high().to_string()),
        )
    }
}

/// The facts of the offer for the service page.
pub(crate) fn offer_facts(t: Tr, s: &Service) -> Vec<Fact> {
    let mut facts = Vec::new();
    if let Some(p) = s.offer.price {
        facts.push(Fact {
            label: t.t("offer-price"),
            value: Text::from(price_text(t, s.pricing, p)),
        });
    }
    if let Some(w) = s.offer.lead_time_weeks {
        facts.push(Fact {
            label: t.t("offer-lead-weeks"),
            value: Text::from(t.n("offer-lead-short", "weeks", u64::from(w))),
        });
    }
    if let Some(r) = s.offer.trl {
        facts.push(Fact {
            label: t.t("offer-trl"),
            value: Text::from(trl_text(t, r)),
        });
    }
    facts
}

/// A list written one item per line (a leading dash or bullet dropped), each line in the text's language.
pub(crate) fn lines(text: &Option<LangText>, lang: Lang) -> Vec<Text> {
    text.as_ref()
        .map(|t| {
            let shown = Text::of(t, lang);
            shown
                .plain()
                .lines()
                .map(|x| {
                    x.trim()
                        .trim_start_matches(['-', '*', '•'])
                        .trim()
                        .to_owned()
                })
                .filter(|x| !x.is_empty())
                .map(|x| shown.map(|_| x))
                .collect()
        })
        .unwrap_or_default()
}
