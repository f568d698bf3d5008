//! Matchmaking at an event: the organiser defines meeting slots; participants register with a short profile and
//! ask each other for 1:1 meetings; the invitee accepts by picking a slot that is free for both. The rules here
//! (slots never overlap, a person is in at most one meeting per slot, who may move a request) are also held by
//! the database (one booking row per person and slot).

use crate::events::LocalTime;
use serde::Serialize;

vocabulary! {
    /// Where a meeting request stands.
    RequestState {
        /// Waiting for the invitee.
        Pending = "pending",
        /// Accepted in a slot.
        Accepted = "accepted",
        /// Declined by the invitee.
        Declined = "declined",
        /// Withdrawn by the requester before an answer.
        Cancelled = "cancelled",
    }
}

/// Longest organisation text, in characters.
pub const MAX_ORGANISATION: usize = 200;
/// Longest profile, in characters.
pub const MAX_PROFILE: usize = 1_000;
/// Longest message with a request, in characters.
pub const MAX_MESSAGE: usize = 1_000;
/// Shortest and longest slot, in minutes.
pub const SLOT_MINUTES: std::ops::RangeInclusive<u16> = 5..=240;

/// Why a matchmaking step was refused. Each has the message key `mm-error-{key}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize)]
pub enum MatchError {
    /// The organisation is missing or too long.
    #[error("organisation")]
    Organisation,
    /// The profile is missing or too long.
    #[error("profile")]
    Profile,
    /// The message is too long.
    #[error("message")]
    Message,
    /// The slot's times cannot be read, end before start, or a length outside 5-240 minutes.
    #[error("slot-times")]
    SlotTimes,
    /// The slot is not within the event's days.
    #[error("slot-outside")]
    SlotOutside,
    /// The slot overlaps another slot of the event.
    #[error("slot-overlap")]
    SlotOverlap,
    /// Nobody asks for a meeting with themselves.
    #[error("self")]
    WithSelf,
    /// Both must be registered for the event's matchmaking.
    #[error("not-registered")]
    NotRegistered,
    /// There is already an open request between the two.
    #[error("duplicate")]
    Duplicate,
    /// Only the invitee answers, only the requester withdraws, and only while the request is pending.
    #[error("not-yours")]
    NotYours,
    /// The request has been answered already.
    #[error("answered")]
    Answered,
    /// The slot is taken for one of the two (someone booked it first).
    #[error("slot-taken")]
    SlotTaken,
    /// Accepting needs a slot.
    #[error("no-slot")]
    NoSlot,
    /// The slot has started or is over.
    #[error("slot-past")]
    SlotPast,
    /// The event is over: matchmaking is closed.
    #[error("closed")]
    Closed,
    /// A meeting is booked in the slot: it cannot be removed.
    #[error("slot-booked")]
    SlotBooked,
}

/// A meeting slot, in Stockholm time, on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Slot {
    /// Start.
    pub start: LocalTime,
    /// End.
    pub end: LocalTime,
}

impl Slot {
    /// Reads a slot from a day (`YYYY-MM-DD`) and two clock times (`HH:MM`), checking its length.
    pub fn parse(day: &str, start: &str, end: &str) -> Result<Slot, MatchError> {
        let at = |clock: &str| LocalTime::parse(&format!("{}T{}", day.trim(), clock.trim()));
        let (Some(start), Some(end)) = (at(start), at(end)) else {
            return Err(MatchError::SlotTimes);
        };
        if end <= start || !SLOT_MINUTES.contains(&(end.minute - start.minute)) {
            return Err(MatchError::SlotTimes);
        }
        Ok(Slot { start, end })
    }

    /// True when the two share any time (touching ends do not).
    pub fn overlaps(&self, other: &Slot) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Checks a new slot against the event's days (first to last, inclusive) and the slots it has.
pub fn check_slot(
    slot: &Slot,
    first_day: crate::IsoDate,
    last_day: crate::IsoDate,
    existing: &[Slot],
) -> Result<(), MatchError> {
    if slot.start.date < first_day || slot.start.date > last_day {
        return Err(MatchError::SlotOutside);
    }
    if existing.iter().any(|s| s.overlaps(slot)) {
        return Err(MatchError::SlotOverlap);
    }
    Ok(())
}

/// Checks a registration's texts; returns them trimmed.
pub fn check_profile(organisation: &str, profile: &str) -> Result<(String, String), MatchError> {
    let (o, p) = (organisation.trim(), profile.trim());
    if o.is_empty() || o.chars().count() > MAX_ORGANISATION {
        return Err(MatchError::Organisation);
    }
    if p.is_empty() || p.chars().count() > MAX_PROFILE {
        return Err(MatchError::Profile);
    }
    Ok((o.to_owned(), p.to_owned()))
}

/// What a participant may do with a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Accept it in a slot (the invitee).
    Accept,
    /// Decline it (the invitee).
    Decline,
    /// Withdraw it (the requester).
    Withdraw,
}

/// Whether `participant` may give `answer` to a request in `state` between `requester` and `invitee`, and the
/// state it moves to.
pub fn answer(
    state: RequestState,
    requester: i64,
    invitee: i64,
    participant: i64,
    answer: Answer,
) -> Result<RequestState, MatchError> {
    let allowed = match answer {
        Answer::Accept | Answer::Decline => participant == invitee,
        Answer::Withdraw => participant == requester,
    };
    if !allowed {
        return Err(MatchError::NotYours);
    }
    if state != RequestState::Pending {
        return Err(MatchError::Answered);
    }
    Ok(match answer {
        Answer::Accept => RequestState::Accepted,
        Answer::Decline => RequestState::Declined,
        Answer::Withdraw => RequestState::Cancelled,
    })
}

/// The slots (by index) free for both people, given the indexes each has booked, and not started at `now_utc`.
pub fn free_for_both(slots: &[Slot], a: &[usize], b: &[usize], now_utc: i64) -> Vec<usize> {
    (0..slots.len())
        .filter(|i| !a.contains(i) && !b.contains(i) && slots[*i].start.to_utc() > now_utc)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IsoDate;
    use proptest::prelude::*;

    fn day(s: &str) -> IsoDate {
        IsoDate::parse(s).expect("day")
    }

    #[test]
    fn slots_are_read_from_a_day_and_two_clock_times() {
        let s = Slot::parse("2026-12-03", "10:00", "10:20").expect("slot");
        assert_eq!(s.start.to_string(), "2026-12-03T10:00");
        assert_eq!(s.end.clock(), "10:20");
        for (d, a, b) in [
            ("2026-12-03", "10:20", "10:00"),
            ("2026-12-03", "10:00", "10:00"),
            ("2026-12-03", "10:00", "10:02"),
            ("2026-12-03", "09:00", "14:01"),
            ("2026-13-03", "10:00", "10:20"),
            ("2026-12-03", "25:00", "25:20"),
            ("2026-12-03", "ten", "10:20"),
        ] {
            assert_eq!(
                Slot::parse(d, a, b),
                Err(MatchError::SlotTimes),
                "{d} {a}-{b}"
            );
        }
    }

    #[test]
    fn a_slot_must_fall_on_the_events_days() {
        let s = Slot::parse("2026-12-05", "10:00", "10:20").expect("slot");
        assert_eq!(
            check_slot(&s, day("2026-12-03"), day("2026-12-04"), &[]),
            Err(MatchError::SlotOutside)
        );
        assert_eq!(
            check_slot(&s, day("2026-12-03"), day("2026-12-05"), &[]),
            Ok(())
        );
    }

    #[test]
    fn only_the_invitee_answers_and_only_the_requester_withdraws_once() {
        use RequestState::*;
        assert_eq!(answer(Pending, 1, 2, 2, Answer::Accept), Ok(Accepted));
        assert_eq!(
            answer(Pending, 1, 2, 1, Answer::Accept),
            Err(MatchError::NotYours)
        );
        assert_eq!(
            answer(Pending, 1, 2, 3, Answer::Decline),
            Err(MatchError::NotYours)
        );
        assert_eq!(answer(Pending, 1, 2, 1, Answer::Withdraw), Ok(Cancelled));
        assert_eq!(
            answer(Pending, 1, 2, 2, Answer::Withdraw),
            Err(MatchError::NotYours)
        );
        for done in [Accepted, Declined, Cancelled] {
            assert_eq!(
                answer(done, 1, 2, 2, Answer::Accept),
                Err(MatchError::Answered)
            );
        }
    }

    #[test]
    fn profiles_are_trimmed_and_bounded() {
        assert_eq!(
            check_profile("  Vecura ", " GMP "),
            Ok(("Vecura".into(), "GMP".into()))
        );
        assert_eq!(check_profile(" ", "x"), Err(MatchError::Organisation));
        assert_eq!(check_profile("x", ""), Err(MatchError::Profile));
        assert_eq!(
            check_profile("x", &"p".repeat(MAX_PROFILE + 1)),
            Err(MatchError::Profile)
        );
    }

    fn any_slot() -> impl Strategy<Value = Slot> {
        (0u16..48, 1u16..8).prop_map(|(start, len)| Slot {
            start: LocalTime {
                date: IsoDate::parse("2026-12-03").expect("d"),
                minute: 480 + start * 10,
            },
            end: LocalTime {
                date: IsoDate::parse("2026-12-03").expect("d"),
                minute: 480 + start * 10 + len * 10,
            },
        })
    }

    proptest! {
        #[test]
        fn overlap_is_symmetric_and_matches_shared_minutes(a in any_slot(), b in any_slot()) {
            prop_assert_eq!(a.overlaps(&b), b.overlaps(&a));
            let shared = (a.start.minute..a.end.minute).any(|m| (b.start.minute..b.end.minute).contains(&m));
            prop_assert_eq!(a.overlaps(&b), shared);
        }

        #[test]
        fn slots_accepted_one_by_one_never_overlap(candidates in prop::collection::vec(any_slot(), 0..30)) {
            let mut kept: Vec<Slot> = Vec::new();
            for c in candidates {
                if check_slot(&c, day("2026-12-03"), day("2026-12-03"), &kept).is_ok() {
                    kept.push(c);
                }
            }
            for (i, a) in kept.iter().enumerate() {
                for b in &kept[i + 1..] {
                    prop_assert!(!a.overlaps(b));
                }
            }
        }

        #[test]
        fn booking_only_free_slots_never_puts_a_person_in_two_meetings_at_once(
            wishes in prop::collection::vec((0usize..6, 0usize..6, 0usize..8), 0..40)
        ) {
            // Eight back-to-back slots; people 0..6 accept meetings in a slot free for both, as the store does.
            let slots: Vec<Slot> = (0..8u16).map(|i| Slot {
                start: LocalTime { date: day("2030-01-10"), minute: 600 + i * 20 },
                end: LocalTime { date: day("2030-01-10"), minute: 620 + i * 20 },
            }).collect();
            let mut booked: Vec<Vec<usize>> = vec![Vec::new(); 6];
            for (a, b, pick) in wishes {
                if a == b { continue; }
                let free = free_for_both(&slots, &booked[a], &booked[b], 0);
                if let Some(&slot) = free.get(pick % free.len().max(1)) {
                    booked[a].push(slot);
                    booked[b].push(slot);
                }
            }
            for person in &booked {
                let mut s = person.clone();
                s.sort_unstable();
                s.dedup();
                prop_assert_eq!(s.len(), person.len(), "a person double-booked");
            }
        }
    }
}
