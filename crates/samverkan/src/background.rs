//! What the server does beside answering requests: delivering queued e-mail over SMTP, purging rows that have
//! outlived their use, and queuing the follow-up's reminders (checked with the purge, every ten minutes).
//! All run on the server's runtime and stop with it. With several servers on one database, each message is sent by
//! the server that claims it (`Store::claim_due_mail`) and each upkeep round runs on the server that holds its
//! lease (`Store::take_lease`); `serve --role web` leaves all of it to other servers.

use anyhow::Context;
use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;
use store::Store;

/// How often the outbox is checked for mail that is due.
const DELIVERY_INTERVAL: Duration = Duration::from_secs(2);
/// How often old sessions, links and login attempts are purged.
const PURGE_INTERVAL: Duration = Duration::from_secs(10 * 60);
/// How long a server holds the upkeep round's lease: a little less than the round's interval.
const UPKEEP_LEASE_MS: i64 = 9 * 60 * 1000;
/// Login attempts are kept this long (well beyond the longest throttling window), then purged.
const KEEP_LOGIN_ATTEMPTS_MS: i64 = 30 * 24 * 60 * 60 * 1000;

/// Sends the outbox's mail through an SMTP server.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// A mailer for `smtp_url` (`smtps://user:pass@host:465`, `smtp://host:587?tls=required`, or plain
    /// `smtp://host:25` for a relay on the same machine) sending as `from`.
    pub fn new(smtp_url: &str, from: &str) -> anyhow::Result<Mailer> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .context("the SMTP URL is not usable (smtps://USER:PASS@HOST:PORT or smtp://HOST:PORT?tls=required)")?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        let from: Mailbox = from
            .parse()
            .with_context(|| format!("the sender address {from:?} is not a valid mailbox"))?;
        Ok(Mailer { transport, from })
    }

    async fn send(&self, mail: &store::OutgoingMail) -> anyhow::Result<()> {
        let to: Mailbox = mail
            .to
            .parse()
            .with_context(|| format!("recipient {:?}", mail.to))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&mail.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body.clone())
            .context("building the message")?;
        self.transport
            .send(message)
            .await
            .context("the SMTP server refused the message")?;
        Ok(())
    }
}

/// Delivers every queued message that is due and that this server claims (another server running the same loop
/// claims the others); returns how many were sent and how many failed. Each message is claimed just before it is
/// sent, so a server that dies mid-delivery leaves at most one message waiting for its claim to lapse.
pub async fn deliver_due(store: &Store, mailer: &Mailer) -> anyhow::Result<(usize, usize)> {
    let (mut sent, mut failed) = (0, 0);
    loop {
        let batch = store.claim_due_mail(1).await?;
        if batch.is_empty() {
            return Ok((sent, failed));
        }
        for mail in &batch {
            match mailer.send(mail).await {
                Ok(()) => {
                    store.mail_sent(mail.id).await?;
                    sent += 1;
                }
                Err(e) => {
                    tracing::warn!(id = mail.id, error = %format!("{e:#}"), "e-mail delivery failed; will retry");
                    store.mail_failed(mail.id, &format!("{e:#}")).await?;
                    failed += 1;
                }
            }
        }
    }
}

/// Queues the follow-up reminders due today (each stage once per measure, so running it often is harmless).
pub async fn send_reminders(store: &Store, base_url: &str) -> Result<usize, store::StoreError> {
    store
        .send_follow_up_reminders(store::today(), |r| app::report::reminder_mail(base_url, r))
        .await
}

/// Starts the background work; the returned handle aborts it when dropped by [`Background::stop`].
pub fn spawn(store: Store, mailer: Option<Mailer>, auth: &web::AuthSettings) -> Background {
    let (idle, absolute) = (auth.idle_timeout_ms, auth.absolute_timeout_ms);
    let purge_store = store.clone();
    let base_url = auth.base_url.clone();
    let answer_days = auth.answer_days;
    // The upkeep round runs on one server at a time: each round takes a lease that ends a little before the next
    // round, so the server that holds it keeps it while it lives and another takes over when it stops.
    let holder = store::secrets::random_token("server-");
    let purge = tokio::spawn(async move {
        let mut tick = tokio::time::interval(PURGE_INTERVAL);
        loop {
            tick.tick().await;
            match purge_store
                .take_lease("upkeep", &holder, UPKEEP_LEASE_MS)
                .await
            {
                Ok(true) => {}
                Ok(false) => {
                    tracing::debug!("another server holds the upkeep lease");
                    continue;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "taking the upkeep lease failed");
                    continue;
                }
            }
            match purge_store
                .purge_expired(idle, absolute, KEEP_LOGIN_ATTEMPTS_MS)
                .await
            {
                Ok(r) => tracing::debug!(?r, "purged expired rows"),
                Err(e) => tracing::warn!(error = %e, "purging expired rows failed"),
            }
            match app::requests::send_overdue_digest(
                &purge_store,
                &base_url,
                store::now_millis(),
                answer_days,
            )
            .await
            {
                Ok(0) => {}
                Ok(n) => tracing::info!(mails = n, "queued the daily list of overdue requests"),
                Err(e) => tracing::warn!(error = %e, "queuing the overdue requests' mail failed"),
            }
            match app::catalogue::send_stale_service_notices(
                &purge_store,
                &base_url,
                store::now_millis(),
            )
            .await
            {
                Ok(0) => {}
                Ok(n) => tracing::info!(
                    mails = n,
                    "queued notices of services not reviewed for a year"
                ),
                Err(e) => tracing::warn!(error = %e, "queuing the stale services' notices failed"),
            }
            match send_reminders(&purge_store, &base_url).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(mails = n, "queued follow-up reminders"),
                Err(e) => tracing::warn!(error = %e, "queuing follow-up reminders failed"),
            }
        }
    });
    let delivery = mailer.map(|mailer| {
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(DELIVERY_INTERVAL);
            loop {
                tick.tick().await;
                if let Err(e) = deliver_due(&store, &mailer).await {
                    tracing::warn!(error = %format!("{e:#}"), "reading the e-mail outbox failed");
                }
            }
        })
    });
    if delivery.is_none() {
        tracing::info!(
            "no SMTP server configured: e-mail stays in the outbox table (development mode)"
        );
    }
    Background { purge, delivery }
}

/// The running background tasks.
pub struct Background {
    purge: tokio::task::JoinHandle<()>,
    delivery: Option<tokio::task::JoinHandle<()>>,
}

impl Background {
    /// Stops the background work.
    pub fn stop(self) {
        self.purge.abort();
        if let Some(d) = self.delivery {
            d.abort();
        }
    }
}
