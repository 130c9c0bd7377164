//! Initiative load: from a plan's actions, how many initiatives each person carries at once
//! and the hours a week they ask of them, over a period (a term, or the year), with
//! warnings when a person or the staff as a whole go over configurable limits. Too many
//! initiatives at once ("initiativitis") defeats improvement (PRODUCT.md, "Coherence");
//! the limits are Headway's defaults, not figures from a study, so a school sets its own.

use crate::ids::PersonId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::{Date, Duration};

/// Where a warning is raised.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LoadLimits {
    /// Initiatives one person carries in the same week.
    pub initiatives_per_person: u32,
    /// Hours a week the plan asks of one person.
    pub hours_per_person: f64,
    /// The share of the people involved who may be over a limit before the staff as a
    /// whole is warned.
    pub overloaded_share: f64,
    /// Actions running in the same week across the plan.
    pub initiatives_at_once: u32,
}

impl Default for LoadLimits {
    fn default() -> Self {
        LoadLimits {
            initiatives_per_person: 3,
            hours_per_person: 3.0,
            overloaded_share: 0.25,
            initiatives_at_once: 8,
        }
    }
}

/// An action as the load counts it: who it involves (owner, people involved, teacher
/// leader), when it runs, and the hours a week it asks of each of them.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionLoad {
    pub people: Vec<PersonId>,
    pub starts_on: Date,
    pub ends_on: Date,
    pub hours_per_week: f64,
}

/// One person's load: the most in any week of the period.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonLoad {
    pub person: PersonId,
    pub initiatives: u32,
    pub hours_per_week: f64,
    pub over_initiatives: bool,
    pub over_hours: bool,
}

impl PersonLoad {
    pub fn is_over(&self) -> bool {
        self.over_initiatives || self.over_hours
    }
}

/// The plan's load over a period.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanLoad {
    /// Everyone involved, most loaded first.
    pub people: Vec<PersonLoad>,
    /// The most actions running in one week.
    pub initiatives_at_once: u32,
    /// Too many actions at once, or too large a share of the people over a limit.
    pub staff_warning: bool,
    pub overloaded: usize,
}

/// Week by week from `from` to `to`, each person's concurrent initiatives and hours; the
/// most of each is their load.
pub fn plan_load(actions: &[ActionLoad], from: Date, to: Date, limits: &LoadLimits) -> PlanLoad {
    let mut most: BTreeMap<PersonId, (u32, f64)> = BTreeMap::new();
    for action in actions {
        for person in &action.people {
            most.entry(*person).or_insert((0, 0.0));
        }
    }
    let mut at_once = 0;
    let mut week = from;
    while week <= to {
        let week_end = week + Duration::days(6);
        let running: Vec<&ActionLoad> = actions
            .iter()
            .filter(|a| a.starts_on <= week_end && a.ends_on >= week)
            .collect();
        at_once = at_once.max(running.len() as u32);
        let mut this_week: BTreeMap<PersonId, (u32, f64)> = BTreeMap::new();
        for action in &running {
            let mut people = action.people.clone();
            people.sort_unstable();
            people.dedup();
            for person in people {
                let entry = this_week.entry(person).or_insert((0, 0.0));
                entry.0 += 1;
                entry.1 += action.hours_per_week.max(0.0);
            }
        }
        for (person, (count, hours)) in this_week {
            let entry = most.entry(person).or_insert((0, 0.0));
            entry.0 = entry.0.max(count);
            entry.1 = entry.1.max(hours);
        }
        week += Duration::days(7);
    }
    let mut people: Vec<PersonLoad> = most
        .into_iter()
        .map(|(person, (initiatives, hours))| PersonLoad {
            person,
            initiatives,
            hours_per_week: hours,
            over_initiatives: initiatives > limits.initiatives_per_person,
            over_hours: hours > limits.hours_per_person + 1e-9,
        })
        .collect();
    people.sort_by(|a, b| {
        b.initiatives
            .cmp(&a.initiatives)
            .then(b.hours_per_week.total_cmp(&a.hours_per_week))
            .then(a.person.cmp(&b.person))
    });
    let overloaded = people.iter().filter(|p| p.is_over()).count();
    let share = if people.is_empty() {
        0.0
    } else {
        overloaded as f64 / people.len() as f64
    };
    PlanLoad {
        staff_warning: at_once > limits.initiatives_at_once
            || (overloaded > 0 && share > limits.overloaded_share),
        initiatives_at_once: at_once,
        overloaded,
        people,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn action(people: &[i64], from: Date, to: Date, hours: f64) -> ActionLoad {
        ActionLoad {
            people: people.iter().map(|p| PersonId(*p)).collect(),
            starts_on: from,
            ends_on: to,
            hours_per_week: hours,
        }
    }

    #[test]
    fn only_actions_running_in_the_same_week_count_as_concurrent() {
        let actions = [
            action(&[1], date!(2026 - 09 - 01), date!(2026 - 10 - 01), 1.0),
            action(&[1], date!(2026 - 11 - 01), date!(2026 - 12 - 01), 1.0),
            action(&[1, 2], date!(2026 - 09 - 15), date!(2026 - 12 - 15), 1.5),
        ];
        let load = plan_load(
            &actions,
            date!(2026 - 09 - 01),
            date!(2026 - 12 - 20),
            &LoadLimits::default(),
        );
        let one = load
            .people
            .iter()
            .find(|p| p.person == PersonId(1))
            .unwrap();
        assert_eq!(one.initiatives, 2, "never three at once");
        assert!((one.hours_per_week - 2.5).abs() < 1e-9);
        let two = load
            .people
            .iter()
            .find(|p| p.person == PersonId(2))
            .unwrap();
        assert_eq!(two.initiatives, 1);
        assert!(!load.staff_warning);
        assert_eq!(load.initiatives_at_once, 2);
    }

    #[test]
    fn a_person_over_a_limit_is_warned_and_so_is_the_staff_when_many_are() {
        let term = (date!(2026 - 09 - 01), date!(2026 - 12 - 20));
        let actions: Vec<ActionLoad> = (0..4)
            .map(|_| action(&[7, 8], term.0, term.1, 1.0))
            .chain([action(&[9], term.0, term.1, 0.5)])
            .collect();
        let load = plan_load(&actions, term.0, term.1, &LoadLimits::default());
        assert_eq!(load.people[0].initiatives, 4);
        assert!(load.people[0].over_initiatives && load.people[0].over_hours);
        assert_eq!(load.overloaded, 2);
        assert!(load.staff_warning, "two of three people over the limit");
        let relaxed = LoadLimits {
            initiatives_per_person: 4,
            hours_per_person: 4.0,
            ..LoadLimits::default()
        };
        let load = plan_load(&actions, term.0, term.1, &relaxed);
        assert_eq!(load.overloaded, 0);
        assert!(!load.staff_warning, "the limits are configurable");
    }

    #[test]
    fn too_many_actions_at_once_warns_the_staff_even_if_nobody_is_over() {
        let term = (date!(2026 - 09 - 01), date!(2026 - 10 - 20));
        let actions: Vec<ActionLoad> = (0..9).map(|p| action(&[p], term.0, term.1, 1.0)).collect();
        let load = plan_load(&actions, term.0, term.1, &LoadLimits::default());
        assert_eq!(load.overloaded, 0);
        assert!(load.staff_warning);
    }

    #[test]
    fn a_person_named_twice_on_one_action_counts_once() {
        let term = (date!(2026 - 09 - 01), date!(2026 - 10 - 20));
        let load = plan_load(
            &[action(&[3, 3], term.0, term.1, 2.0)],
            term.0,
            term.1,
            &LoadLimits::default(),
        );
        assert_eq!(load.people.len(), 1);
        assert_eq!(load.people[0].initiatives, 1);
        assert!((load.people[0].hours_per_week - 2.0).abs() < 1e-9);
    }
}
