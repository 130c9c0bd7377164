//! Three-year trends and improvement groups (ANALYTICS.md §4), for one subject or for the
//! whole school.
//!
//! The whole school's attainment in a year is the average of its subjects' mean outcomes,
//! and its value added the average of its subjects' value added; the reference schools'
//! attainment, which sets each year's thirds, is averaged over the same subjects in that
//! year. Only subjects
//! with figures in all three years count, so a subject added or dropped half-way cannot
//! move the group. The standard errors treat subjects as independent: a pupil's results
//! in different subjects are positively correlated, so the true error is somewhat larger
//! and the group errs towards "significant" a little; the per-subject groups on the
//! progress page have no such approximation.

use std::collections::BTreeMap;

use headway_stats::trends::{
    AttainmentThirds, Estimate, ImprovementGroup, ThreeYearView, YearFigures, improvement_group,
};

/// One subject's figures for one school in one year, with the reference population's
/// school means for that subject and year.
#[derive(Debug, Clone)]
pub struct SubjectYear {
    pub subject: i64,
    pub attainment: Estimate,
    pub value_added: Option<Estimate>,
    /// Each reference school's mean outcome in this subject and year.
    pub reference_means: BTreeMap<i64, f64>,
}

/// The improvement group of three consecutive years (`years[0]` the oldest, each with the
/// calendar year it ends in), over the subjects present in all three. `None` when no
/// subject is present in all three years or the reference is empty.
pub fn improvement_group_over(years: [(i32, &[SubjectYear]); 3]) -> Option<ImprovementGroup> {
    let common: Vec<i64> = years[0]
        .1
        .iter()
        .map(|s| s.subject)
        .filter(|subject| {
            years[1..]
                .iter()
                .all(|(_, subjects)| subjects.iter().any(|s| s.subject == *subject))
        })
        .collect();
    if common.is_empty() {
        return None;
    }
    let pick = |subjects: &'_ [SubjectYear]| -> Vec<SubjectYear> {
        common
            .iter()
            .filter_map(|c| subjects.iter().find(|s| s.subject == *c).cloned())
            .collect()
    };
    let figures: Vec<YearFigures> = years
        .iter()
        .map(|(year, subjects)| combine(*year, &pick(subjects)))
        .collect();
    let view = ThreeYearView::new([figures[0], figures[1], figures[2]]).ok()?;
    // Each year in the thirds of that year's reference schools.
    let thirds =
        |i: usize| AttainmentThirds::from_reference(&reference_attainment(&pick(years[i].1))).ok();
    let thirds = [thirds(0)?, thirds(1)?, thirds(2)?];
    Some(improvement_group(&view, &thirds))
}

/// The average of the subjects' figures, with `se = sqrt(Σ se²) / k`.
fn combine(year: i32, subjects: &[SubjectYear]) -> YearFigures {
    let attainment = average(subjects.iter().map(|s| s.attainment));
    let value_added = subjects
        .iter()
        .map(|s| s.value_added)
        .collect::<Option<Vec<Estimate>>>()
        .map(|all| average(all.into_iter()));
    YearFigures {
        year,
        attainment,
        value_added,
    }
}

fn average(estimates: impl Iterator<Item = Estimate>) -> Estimate {
    let (mut sum, mut variance, mut k) = (0.0, 0.0, 0usize);
    for e in estimates {
        sum += e.value;
        variance += e.se * e.se;
        k += 1;
    }
    let k = k as f64;
    Estimate {
        value: sum / k,
        se: variance.sqrt() / k,
    }
}

/// Each reference school's average over the subjects, for schools with all of them.
fn reference_attainment(subjects: &[SubjectYear]) -> Vec<f64> {
    let Some(first) = subjects.first() else {
        return Vec::new();
    };
    first
        .reference_means
        .keys()
        .filter_map(|school| {
            let means: Option<Vec<f64>> = subjects
                .iter()
                .map(|s| s.reference_means.get(school).copied())
                .collect();
            means.map(|m| m.iter().sum::<f64>() / m.len() as f64)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(offset: f64) -> BTreeMap<i64, f64> {
        // Schools 1..=9 with means offset+1 ..= offset+9: thirds at offset+3.67 and +6.33.
        (1..=9).map(|s| (s, offset + s as f64)).collect()
    }

    fn subject(subject: i64, attainment: f64, se: f64, offset: f64) -> SubjectYear {
        SubjectYear {
            subject,
            attainment: Estimate {
                value: attainment,
                se,
            },
            value_added: Some(Estimate {
                value: 0.0,
                se: 0.1,
            }),
            reference_means: reference(offset),
        }
    }

    /// The subject with value added `value` (se 0.1).
    fn with_value_added(mut s: SubjectYear, value: f64) -> SubjectYear {
        s.value_added = Some(Estimate { value, se: 0.1 });
        s
    }

    #[test]
    fn one_subject_rising_from_the_bottom_third() {
        let y1 = [subject(1, 2.0, 0.1, 0.0)];
        let y2 = [subject(1, 3.0, 0.1, 0.0)];
        let y3 = [with_value_added(subject(1, 5.0, 0.1, 0.0), 0.5)];
        assert_eq!(
            improvement_group_over([(2024, &y1), (2025, &y2), (2026, &y3)]),
            Some(ImprovementGroup::LowToModerateOrHigh)
        );
        // The same rise with value added flat: the intake rose, not the school.
        let y3 = [subject(1, 5.0, 0.1, 0.0)];
        assert_eq!(
            improvement_group_over([(2024, &y1), (2025, &y2), (2026, &y3)]),
            Some(ImprovementGroup::Stable)
        );
    }

    #[test]
    fn subjects_are_averaged_with_their_reference() {
        // Reference schools average (s + (10 + s)) / 2 = 6..=14 over the two subjects,
        // thirds 8.67 and 11.33. The school starts at (2 + 16) / 2 = 9, the middle third,
        // and ends at (4 + 19) / 2 = 11.5, the top third: a rise of 2.5 with se 0.1.
        let y1 = [subject(1, 2.0, 0.1, 0.0), subject(2, 16.0, 0.1, 10.0)];
        let y2 = [subject(1, 3.0, 0.1, 0.0), subject(2, 17.0, 0.1, 10.0)];
        let y3 = [
            with_value_added(subject(1, 4.0, 0.1, 0.0), 0.5),
            with_value_added(subject(2, 19.0, 0.1, 10.0), 0.5),
        ];
        assert_eq!(
            improvement_group_over([(2024, &y1), (2025, &y2), (2026, &y3)]),
            Some(ImprovementGroup::ModerateToHigh)
        );
    }

    #[test]
    fn standard_errors_add_in_quadrature() {
        // Two subjects, each se 1.0: the average's se is sqrt(2)/2 ≈ 0.707, so a fall of
        // 1.5 over three years (se of change 1.0) is not significant; with one subject
        // (se of change 1.41) neither; with se 0.3 it is.
        let combined = combine(
            2026,
            &[subject(1, 4.0, 1.0, 0.0), subject(2, 6.0, 1.0, 0.0)],
        );
        assert!((combined.attainment.value - 5.0).abs() < 1e-12);
        assert!((combined.attainment.se - 2f64.sqrt() / 2.0).abs() < 1e-12);
        let falls = |se: f64| {
            let y1 = [subject(1, 5.0, se, 0.0), subject(2, 5.0, se, 0.0)];
            let y2 = [subject(1, 4.5, se, 0.0), subject(2, 4.5, se, 0.0)];
            let y3 = [subject(1, 3.5, se, 0.0), subject(2, 3.5, se, 0.0)];
            improvement_group_over([(2024, &y1), (2025, &y2), (2026, &y3)])
        };
        assert_eq!(falls(1.0), Some(ImprovementGroup::Stable));
        assert_eq!(falls(0.3), Some(ImprovementGroup::Declining));
    }

    #[test]
    fn only_subjects_present_every_year_count() {
        // Subject 2 appears only in the last year with a huge rise; it must not count.
        let y1 = [subject(1, 5.0, 0.1, 0.0)];
        let y2 = [subject(1, 5.0, 0.1, 0.0)];
        let y3 = [subject(1, 5.0, 0.1, 0.0), subject(2, 9.0, 0.1, 0.0)];
        assert_eq!(
            improvement_group_over([(2024, &y1), (2025, &y2), (2026, &y3)]),
            Some(ImprovementGroup::Stable)
        );
        let none: [SubjectYear; 0] = [];
        assert_eq!(
            improvement_group_over([(2024, &none), (2025, &y2), (2026, &y3)]),
            None
        );
    }

    #[test]
    fn each_years_thirds_come_from_that_years_reference() {
        // The school rises 2 → 5 (bottom third of year one's reference, cuts 3.67 and
        // 6.33). When every reference school rose by 3 too (year three's cuts 6.67 and
        // 9.33), the school is still in the bottom third at the end: not improving.
        let y1 = [subject(1, 2.0, 0.1, 0.0)];
        let y2 = [subject(1, 3.0, 0.1, 1.5)];
        let y3 = [with_value_added(subject(1, 5.0, 0.1, 3.0), 0.5)];
        assert_eq!(
            improvement_group_over([(2024, &y1), (2025, &y2), (2026, &y3)]),
            Some(ImprovementGroup::Stable)
        );
    }

    #[test]
    fn value_added_counts_only_when_every_subject_has_it() {
        let mut without = subject(2, 8.0, 0.1, 0.0);
        without.value_added = None;
        let year = combine(2026, &[subject(1, 8.0, 0.1, 0.0), without]);
        assert_eq!(year.value_added, None);
    }
}
