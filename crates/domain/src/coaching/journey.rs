//! A cycle's journey: everything that happened in it, in date order, the current action
//! step marked (one step at a time: each new step takes the place of the one before), and
//! where each event falls along the cycle's span, for the timeline drawn beside the list.

use time::Date;

use super::cycle::EntryKind;

/// What happened on a day of the cycle. `index` points back into the list it came from
/// (the entries, or the observations), so the page can word it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Happening {
    Opened,
    /// An action step; `current` while it is the cycle's latest step and the cycle is open.
    Step {
        index: usize,
        current: bool,
    },
    Reflection {
        index: usize,
    },
    Note {
        index: usize,
    },
    Observation {
        index: usize,
    },
    Closed,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Event {
    pub on: Date,
    pub happening: Happening,
    /// Where the day falls between the cycle's first and last day, from 0 to 1.
    pub position: f64,
}

/// The cycle's events, oldest first: its opening, then entries and observations by date
/// (on one day, in the order they were written), then its closing. `entries` are in the
/// order they were written; `observations` are the linked observations' dates. The span
/// runs from the opening to the closing, or to `today` (or the last event) while open.
pub fn journey(
    opened_on: Date,
    closed_on: Option<Date>,
    entries: &[(Date, EntryKind)],
    observations: &[Date],
    today: Date,
) -> Vec<Event> {
    let last_step = entries.iter().rposition(|(_, k)| *k == EntryKind::Step);
    let mut dated: Vec<(Date, u8, usize, Happening)> = Vec::new();
    dated.push((opened_on, 0, 0, Happening::Opened));
    for (index, (on, kind)) in entries.iter().enumerate() {
        let happening = match kind {
            EntryKind::Step => Happening::Step {
                index,
                current: closed_on.is_none() && Some(index) == last_step,
            },
            EntryKind::Reflection => Happening::Reflection { index },
            EntryKind::Note => Happening::Note { index },
        };
        dated.push((*on, 1, index, happening));
    }
    for (index, on) in observations.iter().enumerate() {
        dated.push((
            *on,
            1,
            usize::MAX / 2 + index,
            Happening::Observation { index },
        ));
    }
    if let Some(closed) = closed_on {
        dated.push((closed, 2, 0, Happening::Closed));
    }
    dated.sort_by_key(|(on, rank, order, _)| (*on, *rank, *order));
    let first = dated.first().map_or(opened_on, |d| d.0).min(opened_on);
    let last = match closed_on {
        Some(closed) => dated.last().map_or(closed, |d| d.0).max(closed),
        None => dated.last().map_or(today, |d| d.0).max(today),
    };
    let span = (last - first).whole_days().max(1) as f64;
    dated
        .into_iter()
        .map(|(on, _, _, happening)| Event {
            on,
            happening,
            position: ((on - first).whole_days() as f64 / span).clamp(0.0, 1.0),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn events_run_oldest_first_and_only_the_latest_step_of_an_open_cycle_is_current() {
        let entries = [
            (date!(2025 - 09 - 20), EntryKind::Step),
            (date!(2025 - 10 - 10), EntryKind::Reflection),
            (date!(2025 - 10 - 20), EntryKind::Step),
            (date!(2025 - 10 - 20), EntryKind::Note),
        ];
        let observations = [date!(2025 - 10 - 01)];
        let events = journey(
            date!(2025 - 09 - 15),
            None,
            &entries,
            &observations,
            date!(2025 - 11 - 14),
        );
        let happenings: Vec<Happening> = events.iter().map(|e| e.happening).collect();
        assert_eq!(
            happenings,
            vec![
                Happening::Opened,
                Happening::Step {
                    index: 0,
                    current: false
                },
                Happening::Observation { index: 0 },
                Happening::Reflection { index: 1 },
                Happening::Step {
                    index: 2,
                    current: true
                },
                Happening::Note { index: 3 },
            ]
        );
        // The span runs to today while the cycle is open: 60 days.
        assert_eq!(events[0].position, 0.0);
        assert!((events[1].position - 5.0 / 60.0).abs() < 1e-12);
        assert!(events.iter().all(|e| e.position < 1.0));
    }

    #[test]
    fn a_closed_cycle_has_no_current_step_and_ends_at_its_closing() {
        let entries = [(date!(2025 - 09 - 20), EntryKind::Step)];
        let events = journey(
            date!(2025 - 09 - 15),
            Some(date!(2025 - 12 - 15)),
            &entries,
            &[],
            date!(2026 - 03 - 01),
        );
        assert_eq!(
            events[1].happening,
            Happening::Step {
                index: 0,
                current: false
            }
        );
        let closing = events.last().unwrap();
        assert_eq!(closing.happening, Happening::Closed);
        assert_eq!(closing.position, 1.0);
    }

    #[test]
    fn a_cycle_opened_today_has_a_span_of_at_least_a_day() {
        let day = date!(2025 - 09 - 15);
        let events = journey(day, None, &[], &[], day);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].position, 0.0);
    }
}
