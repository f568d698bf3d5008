//! The catalogue kept current: a service its manager has not reviewed for a year is flagged to them by e-mail,
//! once a month while it stays so.

use domain::Lang;
use i18n::Tr;
use store::{Store, StoreError};

/// Queues one e-mail per stale service to each of its managers, at most once per service and month (in
/// Stockholm). Returns how many e-mails were queued.
pub async fn send_stale_service_notices(
    store: &Store,
    base_url: &str,
    now: i64,
) -> Result<usize, StoreError> {
    let month = crate::requests::stockholm_date(now).to_string()[..7].to_owned();
    let base = base_url.trim_end_matches('/');
    let mut sent = 0;
    for (slug, name, managers) in store.stale_services(now).await? {
        if managers.is_empty()
            || !store
                .claim_daily_mail(&format!("stale-service:{slug}"), &month)
                .await?
        {
            continue;
        }
        let part = |l: Lang| {
            let t = Tr::new(l);
            format!(
                "{}\n{base}/{}/services/{slug}\n",
                t.t1("mail-stale-service", "name", name.get(l)),
                l.code()
            )
        };
        let subject = format!(
            "{} / {}",
            Tr::new(Lang::Sv).t1("mail-stale-service-subject", "name", &name.sv),
            Tr::new(Lang::En).t1("mail-stale-service-subject", "name", &name.en)
        );
        let body = format!("{}\n{}", part(Lang::Sv), part(Lang::En));
        for to in &managers {
            store.queue_mail(to, &subject, &body).await?;
            sent += 1;
        }
    }
    Ok(sent)
}
