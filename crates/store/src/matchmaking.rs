//! Matchmaking at an event: slots, participants, meeting requests and bookings. Every write is one transaction,
//! audited. A booking is one row per person and slot (the primary key), so two meetings for one person in one slot
//! cannot both be stored, even when two acceptances race on PostgreSQL.

use crate::audit::{AuditRecord, record};
use crate::rows::{get, opt_text};
use crate::{Store, StoreError, now_millis};
use domain::Slug;
use domain::audit::Change;
use domain::events::{LocalTime, When};
use domain::matchmaking::{self, Answer, MatchError, RequestState, Slot};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

/// A matchmaking write refused by its rules or failed in the store.
pub type MatchFail = crate::WriteError<MatchError>;

impl From<MatchError> for MatchFail {
    fn from(e: MatchError) -> Self {
        crate::WriteError::Rule(e)
    }
}

/// What the other party of a request is told when it is answered or withdrawn.
#[derive(Debug, Clone)]
pub struct AnswerNotice {
    /// The display name of the one who answered (or withdrew).
    pub by: String,
    /// The request's new state.
    pub to: RequestState,
    /// The booked slot, when accepted.
    pub slot: Option<Slot>,
}

/// A slot with its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotRow {
    /// Id.
    pub id: i64,
    /// Times.
    pub slot: Slot,
}

/// A registered participant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    /// Participant id (not the user id).
    pub id: i64,
    /// The user.
    pub user_id: i64,
    /// Their name.
    pub name: String,
    /// The organisation they come from, as they wrote it.
    pub organisation: String,
    /// What they offer and look for.
    pub profile: String,
}

/// A request for a 1:1 meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingRequest {
    /// Id.
    pub id: i64,
    /// Who asks (participant id).
    pub requester: i64,
    /// Who is asked (participant id).
    pub invitee: i64,
    /// The message with it.
    pub message: String,
    /// Where it stands.
    pub state: RequestState,
    /// The slot, once accepted.
    pub slot: Option<i64>,
}

/// Everything about one event's matchmaking.
#[derive(Debug, Clone, Default)]
pub struct Matchmaking {
    /// The event's id.
    pub event_id: i64,
    /// The event's days, first and last.
    pub days: Option<(domain::IsoDate, domain::IsoDate)>,
    /// When the event is over (Unix ms).
    pub ends_at: i64,
    /// Slots in time order.
    pub slots: Vec<SlotRow>,
    /// Participants by name.
    pub participants: Vec<Participant>,
    /// Requests, newest first.
    pub requests: Vec<MeetingRequest>,
    /// Bookings: (slot id, participant id).
    pub bookings: Vec<(i64, i64)>,
}

impl Matchmaking {
    /// The participant record of a user, when registered.
    pub fn participant_of(&self, user: i64) -> Option<&Participant> {
        self.participants.iter().find(|p| p.user_id == user)
    }

    /// A participant by id.
    pub fn participant(&self, id: i64) -> Option<&Participant> {
        self.participants.iter().find(|p| p.id == id)
    }

    /// A slot by id.
    pub fn slot(&self, id: i64) -> Option<&SlotRow> {
        self.slots.iter().find(|s| s.id == id)
    }

    /// The slots free for both participants and not yet started.
    pub fn free_for_both(&self, a: i64, b: i64, now: i64) -> Vec<&SlotRow> {
        let slots: Vec<Slot> = self.slots.iter().map(|s| s.slot).collect();
        let booked = |p: i64| -> Vec<usize> {
            self.bookings
                .iter()
                .filter(|(_, who)| *who == p)
                .filter_map(|(slot, _)| self.slots.iter().position(|s| s.id == *slot))
                .collect()
        };
        matchmaking::free_for_both(&slots, &booked(a), &booked(b), now)
            .into_iter()
            .map(|i| &self.slots[i])
            .collect()
    }
}

fn event_days(when: &When) -> (domain::IsoDate, domain::IsoDate) {
    match when {
        When::AllDay { first, last } => (*first, *last),
        When::Timed { start, end } => (start.date, end.date),
    }
}

fn local(row: &AnyRow, column: &str) -> Result<LocalTime, StoreError> {
    let text: String = get(row, column)?;
    LocalTime::parse(&text).ok_or_else(|| StoreError::Corrupt(format!("{column} {text:?}")))
}

async fn audit(
    conn: &mut AnyConnection,
    user: i64,
    event: &Slug,
    action: &str,
    after: serde_json::Value,
) -> Result<(), StoreError> {
    record(
        conn,
        AuditRecord {
            user_id: Some(user),
            object_type: "matchmaking",
            object_key: event.as_str(),
            action,
            changes: &[Change {
                path: String::new(),
                before: serde_json::Value::Null,
                after,
            }],
            personal: &[],
        },
    )
    .await
}

/// The event's id, days and end, read inside a transaction.
async fn event_row(
    conn: &mut AnyConnection,
    event: &Slug,
) -> Result<(i64, (domain::IsoDate, domain::IsoDate), i64), MatchFail> {
    let row = sqlx::query("SELECT id, start_local, end_local, ends_at FROM events WHERE slug = $1")
        .bind(event.as_str())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(StoreError::NotFound("event"))?;
    let start: String = get(&row, "start_local")?;
    let end = opt_text(&row, "end_local")?;
    let when = domain::events::parse_when(&start, end.as_deref())
        .map_err(|e| StoreError::Corrupt(format!("event time: {e}")))?;
    Ok((get(&row, "id")?, event_days(&when), get(&row, "ends_at")?))
}

fn open(ends_at: i64) -> Result<(), MatchFail> {
    if ends_at <= now_millis() {
        return Err(MatchError::Closed.into());
    }
    Ok(())
}

async fn participant_id(
    conn: &mut AnyConnection,
    event_id: i64,
    user: i64,
) -> Result<i64, MatchFail> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM matchmaking_participants WHERE event_id = $1 AND user_id = $2",
    )
    .bind(event_id)
    .bind(user)
    .fetch_optional(&mut *conn)
    .await?;
    id.ok_or(MatchFail::Rule(MatchError::NotRegistered))
}

impl Store {
    /// The matchmaking a person registered for: (event slug, organisation, profile). For the person's data export.
    pub async fn registrations_of(
        &self,
        user: i64,
    ) -> Result<Vec<(String, String, String)>, StoreError> {
        sqlx::query(
            "SELECT e.slug, p.organisation, p.profile FROM matchmaking_participants p \
             JOIN events e ON e.id = p.event_id WHERE p.user_id = $1 ORDER BY p.id",
        )
        .bind(user)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| Ok((get(r, "slug")?, get(r, "organisation")?, get(r, "profile")?)))
        .collect()
    }

    /// Everything about an event's matchmaking; `None` when there is no such event.
    pub async fn matchmaking(&self, event: &Slug) -> Result<Option<Matchmaking>, StoreError> {
        let mut conn = self.pool().acquire().await?;
        let (event_id, days, ends_at) = match event_row(&mut conn, event).await {
            Ok(x) => x,
            Err(MatchFail::Store(StoreError::NotFound(_))) => return Ok(None),
            Err(MatchFail::Store(e)) => return Err(e),
            Err(MatchFail::Rule(_)) => unreachable!("reading an event applies no rule"),
        };
        let slots = sqlx::query(
            "SELECT id, start_local, end_local FROM matchmaking_slots WHERE event_id = $1 ORDER BY starts_at",
        )
        .bind(event_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| {
            Ok(SlotRow {
                id: get(r, "id")?,
                slot: Slot {
                    start: local(r, "start_local")?,
                    end: local(r, "end_local")?,
                },
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        let mut participants = sqlx::query(
            "SELECT p.id, p.user_id, p.organisation, p.profile, u.display_name FROM matchmaking_participants p \
             JOIN users u ON u.id = p.user_id WHERE p.event_id = $1 AND u.erased_at IS NULL",
        )
        .bind(event_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| {
            Ok(Participant {
                id: get(r, "id")?,
                user_id: get(r, "user_id")?,
                name: get(r, "display_name")?,
                organisation: get(r, "organisation")?,
                profile: get(r, "profile")?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        participants.sort_by_cached_key(|p| domain::collate::sort_key(domain::Lang::Sv, &p.name));
        let requests = sqlx::query(
            "SELECT id, requester_id, invitee_id, message, state, slot_id FROM meeting_requests \
             WHERE event_id = $1 ORDER BY id DESC",
        )
        .bind(event_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| {
            let state: String = get(r, "state")?;
            Ok(MeetingRequest {
                id: get(r, "id")?,
                requester: get(r, "requester_id")?,
                invitee: get(r, "invitee_id")?,
                message: get(r, "message")?,
                state: RequestState::parse(&state)
                    .ok_or_else(|| StoreError::Corrupt(format!("request state {state:?}")))?,
                slot: get(r, "slot_id")?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        let bookings = sqlx::query(
            "SELECT b.slot_id, b.participant_id FROM slot_bookings b JOIN matchmaking_slots s ON s.id = b.slot_id \
             WHERE s.event_id = $1",
        )
        .bind(event_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| Ok((get(r, "slot_id")?, get(r, "participant_id")?)))
        .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Some(Matchmaking {
            event_id,
            days: Some(days),
            ends_at,
            slots,
            participants,
            requests,
            bookings,
        }))
    }

    /// The organiser adds a meeting slot; it must fall on the event's days and not overlap another slot.
    pub async fn add_slot(&self, event: &Slug, slot: Slot, by: i64) -> Result<i64, MatchFail> {
        let mut tx = self.write_tx().await?;
        let (event_id, (first, last), ends_at) = event_row(&mut tx, event).await?;
        open(ends_at)?;
        let existing =
            sqlx::query("SELECT start_local, end_local FROM matchmaking_slots WHERE event_id = $1")
                .bind(event_id)
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(|r| {
                    Ok(Slot {
                        start: local(r, "start_local")?,
                        end: local(r, "end_local")?,
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
        matchmaking::check_slot(&slot, first, last, &existing)?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO matchmaking_slots (event_id, start_local, end_local, starts_at, ends_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(event_id)
        .bind(slot.start.to_string())
        .bind(slot.end.to_string())
        .bind(slot.start.to_utc())
        .bind(slot.end.to_utc())
        .fetch_one(&mut *tx)
        .await?;
        audit(
            &mut tx,
            by,
            event,
            "add_slot",
            serde_json::json!({"slot": id, "start": slot.start.to_string(), "end": slot.end.to_string()}),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The organiser removes a slot in which no meeting is booked. `Ok(false)` when the event has no such slot.
    pub async fn remove_slot(&self, event: &Slug, slot: i64, by: i64) -> Result<bool, MatchFail> {
        let mut tx = self.write_tx().await?;
        let (event_id, _, ends_at) = event_row(&mut tx, event).await?;
        open(ends_at)?;
        let found = sqlx::query(
            "SELECT start_local, end_local FROM matchmaking_slots WHERE id = $1 AND event_id = $2",
        )
        .bind(slot)
        .bind(event_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(found) = found else {
            return Ok(false);
        };
        let booked: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM slot_bookings WHERE slot_id = $1")
                .bind(slot)
                .fetch_one(&mut *tx)
                .await?;
        if booked > 0 {
            return Err(MatchError::SlotBooked.into());
        }
        sqlx::query("DELETE FROM matchmaking_slots WHERE id = $1")
            .bind(slot)
            .execute(&mut *tx)
            .await?;
        audit(
            &mut tx,
            by,
            event,
            "remove_slot",
            serde_json::json!({"slot": slot, "start": local(&found, "start_local")?.to_string(), "end": local(&found, "end_local")?.to_string()}),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Registers a user for the event's matchmaking, or updates their profile. Returns the participant id.
    pub async fn register_participant(
        &self,
        event: &Slug,
        user: i64,
        organisation: &str,
        profile: &str,
    ) -> Result<i64, MatchFail> {
        let (organisation, profile) = matchmaking::check_profile(organisation, profile)?;
        let mut tx = self.write_tx().await?;
        let (event_id, _, ends_at) = event_row(&mut tx, event).await?;
        open(ends_at)?;
        let existing = participant_id(&mut tx, event_id, user).await.ok();
        let id = match existing {
            Some(id) => {
                sqlx::query(
                    "UPDATE matchmaking_participants SET organisation = $1, profile = $2 WHERE id = $3",
                )
                .bind(&organisation)
                .bind(&profile)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                id
            }
            None => {
                sqlx::query_scalar(
                    "INSERT INTO matchmaking_participants (event_id, user_id, organisation, profile, registered_at) \
                     VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(event_id)
                .bind(user)
                .bind(&organisation)
                .bind(&profile)
                .bind(now_millis())
                .fetch_one(&mut *tx)
                .await?
            }
        };
        audit(
            &mut tx,
            user,
            event,
            if existing.is_some() {
                "update_profile"
            } else {
                "register"
            },
            serde_json::json!({"participant": id}),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// A participant asks another for a 1:1 meeting; the invitee is told by e-mail (`mail` gives subject and body
    /// from the requester's name). Returns the request's id.
    pub async fn request_meeting(
        &self,
        event: &Slug,
        user: i64,
        invitee: i64,
        message: &str,
        mail: impl FnOnce(&str) -> (String, String),
    ) -> Result<i64, MatchFail> {
        let message = message.trim();
        if message.chars().count() > matchmaking::MAX_MESSAGE {
            return Err(MatchError::Message.into());
        }
        let mut tx = self.write_tx().await?;
        let (event_id, _, ends_at) = event_row(&mut tx, event).await?;
        open(ends_at)?;
        let requester = participant_id(&mut tx, event_id, user).await?;
        if requester == invitee {
            return Err(MatchError::WithSelf.into());
        }
        let invitee_row = sqlx::query(
            "SELECT u.email FROM matchmaking_participants p JOIN users u ON u.id = p.user_id \
             WHERE p.id = $1 AND p.event_id = $2 AND u.erased_at IS NULL",
        )
        .bind(invitee)
        .bind(event_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(MatchFail::Rule(MatchError::NotRegistered))?;
        let open_between: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM meeting_requests WHERE state = 'pending' AND \
             ((requester_id = $1 AND invitee_id = $2) OR (requester_id = $2 AND invitee_id = $1))",
        )
        .bind(requester)
        .bind(invitee)
        .fetch_one(&mut *tx)
        .await?;
        if open_between > 0 {
            return Err(MatchError::Duplicate.into());
        }
        let now = now_millis();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO meeting_requests (event_id, requester_id, invitee_id, message, state, created_at) \
             VALUES ($1, $2, $3, $4, 'pending', $5) RETURNING id",
        )
        .bind(event_id)
        .bind(requester)
        .bind(invitee)
        .bind(message)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let name: String = sqlx::query_scalar("SELECT display_name FROM users WHERE id = $1")
            .bind(user)
            .fetch_one(&mut *tx)
            .await?;
        let (subject, body) = mail(&name);
        crate::accounts::queue_mail_in(
            &mut tx,
            &get::<String>(&invitee_row, "email")?,
            &subject,
            &body,
        )
        .await?;
        audit(
            &mut tx,
            user,
            event,
            "request_meeting",
            serde_json::json!({"request": id, "invitee": invitee}),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Answers a request: the invitee accepts in a slot (free for both, not started) or declines; the requester
    /// withdraws. A slot taken meanwhile by either person is refused with `SlotTaken`, and nothing changes.
    pub async fn answer_meeting(
        &self,
        event: &Slug,
        user: i64,
        request: i64,
        answer: Answer,
        slot: Option<i64>,
        mail: impl FnOnce(&AnswerNotice) -> (String, String),
    ) -> Result<RequestState, MatchFail> {
        let mut tx = self.write_tx().await?;
        let (event_id, _, ends_at) = event_row(&mut tx, event).await?;
        open(ends_at)?;
        let me = participant_id(&mut tx, event_id, user).await?;
        let row = sqlx::query(
            "SELECT requester_id, invitee_id, state FROM meeting_requests WHERE id = $1 AND event_id = $2",
        )
        .bind(request)
        .bind(event_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound("request"))?;
        let (requester, invitee): (i64, i64) =
            (get(&row, "requester_id")?, get(&row, "invitee_id")?);
        let state: String = get(&row, "state")?;
        let state = RequestState::parse(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("request state {state:?}")))?;
        let to = matchmaking::answer(state, requester, invitee, me, answer)?;
        let slot = match (answer, slot) {
            (Answer::Accept, None) => return Err(MatchError::NoSlot.into()),
            (Answer::Accept, Some(s)) => {
                let starts: Option<i64> = sqlx::query_scalar(
                    "SELECT starts_at FROM matchmaking_slots WHERE id = $1 AND event_id = $2",
                )
                .bind(s)
                .bind(event_id)
                .fetch_optional(&mut *tx)
                .await?;
                let starts = starts.ok_or(StoreError::NotFound("slot"))?;
                if starts <= now_millis() {
                    return Err(MatchError::SlotPast.into());
                }
                Some(s)
            }
            _ => None,
        };
        let moved = sqlx::query(
            "UPDATE meeting_requests SET state = $1, slot_id = $2, decided_at = $3 WHERE id = $4 AND state = 'pending'",
        )
        .bind(to.as_str())
        .bind(slot)
        .bind(now_millis())
        .bind(request)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if moved != 1 {
            return Err(MatchError::Answered.into());
        }
        if let Some(s) = slot {
            for who in [requester, invitee] {
                let booked = sqlx::query(
                    "INSERT INTO slot_bookings (slot_id, participant_id, request_id) VALUES ($1, $2, $3) \
                     ON CONFLICT (slot_id, participant_id) DO NOTHING",
                )
                .bind(s)
                .bind(who)
                .bind(request)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if booked != 1 {
                    // Dropping the transaction rolls back the state change too.
                    return Err(MatchError::SlotTaken.into());
                }
            }
        }
        // The other party is told: the requester of an answer, the invitee of a withdrawal (unless their
        // account is erased).
        let other = if answer == Answer::Withdraw {
            invitee
        } else {
            requester
        };
        let email: Option<String> = sqlx::query_scalar(
            "SELECT u.email FROM matchmaking_participants p JOIN users u ON u.id = p.user_id \
             WHERE p.id = $1 AND u.erased_at IS NULL",
        )
        .bind(other)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(email) = email {
            let by: String = sqlx::query_scalar("SELECT display_name FROM users WHERE id = $1")
                .bind(user)
                .fetch_one(&mut *tx)
                .await?;
            let slot = match slot {
                Some(s) => {
                    let r = sqlx::query(
                        "SELECT start_local, end_local FROM matchmaking_slots WHERE id = $1",
                    )
                    .bind(s)
                    .fetch_one(&mut *tx)
                    .await?;
                    Some(Slot {
                        start: local(&r, "start_local")?,
                        end: local(&r, "end_local")?,
                    })
                }
                None => None,
            };
            let (subject, body) = mail(&AnswerNotice { by, to, slot });
            crate::accounts::queue_mail_in(&mut tx, &email, &subject, &body).await?;
        }
        audit(
            &mut tx,
            user,
            event,
            to.as_str(),
            serde_json::json!({"request": request, "slot": slot}),
        )
        .await?;
        tx.commit().await?;
        Ok(to)
    }
}
