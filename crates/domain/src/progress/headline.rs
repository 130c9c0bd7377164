//! The school's headline across subjects (ANALYTICS.md §2 applied to a pupil's mean) and
//! its three-year direction (§4's test of a change).
//!
//! When a year holds no aggregate outcome (Capped 9, Attainment 8), the headline is the
//! **across-subjects value added**: each pupil's value added averaged over the subjects
//! they sat, then averaged over the school's pupils. Its interval is §2's, with σ the
//! standard deviation of that pupil mean over the whole reference population — the same
//! rule §2 applies to one subject, so a school's headline and its groups are read exactly
//! as a subject's are.

use super::reference::{PupilOutcome, Reference};
use headway_stats::trends::Estimate;
use headway_stats::value_added::contextual::Z_95;
use headway_stats::value_added::simple::{MeasureSettings, PriorGroup, PriorRange, ReferenceModel};
use std::collections::BTreeMap;

/// One subject's pupils in a year, with that subject's reference.
pub struct SubjectPupils<'a> {
    pub reference: &'a Reference,
    pub pupils: &'a [PupilOutcome],
}

/// Each pupil's value added averaged over the subjects they sat (with a starting point
/// inside the subject's prior groups), as a pupil outcome: `outcome` is the mean value
/// added, the rest of the record (starting point, context) as the first subject gives it.
/// Pupils with no value added in any subject are left out.
pub fn pupil_means(subjects: &[SubjectPupils<'_>]) -> Vec<PupilOutcome> {
    let mut sums: BTreeMap<i64, (PupilOutcome, f64, usize)> = BTreeMap::new();
    for subject in subjects {
        for pupil in subject.pupils {
            let (Some(prior), Some(outcome)) = (pupil.prior, pupil.outcome) else {
                continue;
            };
            let Some(v) = subject.reference.simple.pupil_value_added(prior, outcome) else {
                continue;
            };
            let entry = sums
                .entry(pupil.pupil)
                .or_insert_with(|| (pupil.clone(), 0.0, 0));
            entry.1 += v;
            entry.2 += 1;
        }
    }
    sums.into_values()
        .map(|(mut pupil, sum, n)| {
            pupil.outcome = Some(sum / n as f64);
            pupil
        })
        .collect()
}

/// The sample standard deviation of the pupils' mean value added; `None` below two pupils.
pub fn spread(means: &[PupilOutcome]) -> Option<f64> {
    let values: Vec<f64> = means.iter().filter_map(|p| p.outcome).collect();
    if values.len() < 2 {
        return None;
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
    Some(variance.sqrt())
}

/// The across-subjects measure as a reference: every pupil's outcome is already their
/// mean value added, so the expectation is 0 for any starting point, σ is `sigma` (from
/// [`spread`] over the reference population), and the prior-attainment thirds are the
/// subjects' (one baseline serves every subject of a year). Given to
/// [`super::school_progress`], it yields the school's value added with §2's interval and
/// band, its groups and its disadvantaged gap, under the same anonymity rules.
pub fn across_subjects_reference(
    sigma: f64,
    like: &Reference,
    settings: MeasureSettings,
) -> Reference {
    Reference {
        simple: ReferenceModel {
            groups: vec![PriorGroup {
                range: PriorRange {
                    low: f64::NEG_INFINITY,
                    high: f64::INFINITY,
                },
                reference_pupils: 0,
                expected: 0.0,
                cap_floor: None,
            }],
            scale_divisor: 1.0,
            sigma,
        },
        settings,
        prior_thirds: like.prior_thirds,
        // The headline across subjects has no model of its own.
        contextual: Err(super::reference::ContextualUnavailable::NotFitted),
        reference_pupils: like.reference_pupils,
        school_means: BTreeMap::new(),
        // σ is the spread of the reference pupils' own mean value added.
        sigma_source: super::reference::SigmaSource::Fitted,
    }
}

/// Where the headline has gone over the years shown (§4: a change is a change when its 95%
/// interval excludes zero).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Direction {
    Rising { change: f64, ci: (f64, f64) },
    Falling { change: f64, ci: (f64, f64) },
    NoClearChange { change: f64, ci: (f64, f64) },
}

impl Direction {
    /// The change from the first year to the last with its interval.
    pub fn change(&self) -> (f64, (f64, f64)) {
        match *self {
            Direction::Rising { change, ci }
            | Direction::Falling { change, ci }
            | Direction::NoClearChange { change, ci } => (change, ci),
        }
    }
}

/// The direction of the headline from its oldest year to its newest (`years` oldest
/// first), with the change's standard error `sqrt(se₁² + se₂²)` (the two cohorts are
/// different pupils). `None` with fewer than two years.
pub fn direction(years: &[Estimate]) -> Option<Direction> {
    let (first, last) = (years.first()?, years.last()?);
    if years.len() < 2 {
        return None;
    }
    let change = last.value - first.value;
    let half = Z_95 * (first.se.powi(2) + last.se.powi(2)).sqrt();
    let ci = (change - half, change + half);
    Some(if ci.0 > 0.0 {
        Direction::Rising { change, ci }
    } else if ci.1 < 0.0 {
        Direction::Falling { change, ci }
    } else {
        Direction::NoClearChange { change, ci }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::reference::tests::population;
    use crate::progress::{GroupBy, school_progress};

    fn pupil(id: i64, school: i64, prior: f64, outcome: f64) -> PupilOutcome {
        PupilOutcome {
            pupil: id,
            school,
            prior: Some(prior),
            outcome: Some(outcome),
            disadvantaged: Some(id % 2 == 0),
            sen: None,
            eal: None,
            gender: None,
            age_months: None,
            ethnicity: None,
        }
    }

    #[test]
    fn a_pupils_mean_is_over_the_subjects_they_sat() {
        let reference = Reference::fit(&population(10, 40), MeasureSettings::default()).unwrap();
        let expected = reference.simple.expected(100.0).unwrap();
        let maths = [
            pupil(1, 1, 100.0, expected + 1.0),
            pupil(2, 1, 100.0, expected - 2.0),
        ];
        // Pupil 2 sat English too; pupil 3 only English; pupil 4 has no starting point.
        let mut no_prior = pupil(4, 1, 0.0, 5.0);
        no_prior.prior = None;
        let english = [
            pupil(2, 1, 100.0, expected + 1.0),
            pupil(3, 1, 100.0, expected + 0.5),
            no_prior,
        ];
        let means = pupil_means(&[
            SubjectPupils {
                reference: &reference,
                pupils: &maths,
            },
            SubjectPupils {
                reference: &reference,
                pupils: &english,
            },
        ]);
        let of = |id: i64| means.iter().find(|p| p.pupil == id).and_then(|p| p.outcome);
        assert!((of(1).unwrap() - 1.0).abs() < 1e-12);
        assert!((of(2).unwrap() + 0.5).abs() < 1e-12, "(−2 + 1) / 2");
        assert!((of(3).unwrap() - 0.5).abs() < 1e-12);
        assert_eq!(of(4), None, "no value added in any subject");
        assert_eq!(means.len(), 3);
    }

    #[test]
    fn the_headline_interval_uses_the_spread_of_pupil_means() {
        let pupils = population(20, 60);
        let reference = Reference::fit(&pupils, MeasureSettings::default()).unwrap();
        let subjects = [
            SubjectPupils {
                reference: &reference,
                pupils: &pupils,
            },
            SubjectPupils {
                reference: &reference,
                pupils: &pupils,
            },
        ];
        let means = pupil_means(&subjects);
        let sigma = spread(&means).unwrap();
        // The same subject twice: the pupil mean is the subject's v, so σ is the subject's.
        assert!((sigma - reference.simple.sigma).abs() < 0.02, "{sigma}");
        let across = across_subjects_reference(sigma, &reference, MeasureSettings::default());
        let school: Vec<PupilOutcome> = means.iter().filter(|p| p.school == 0).cloned().collect();
        let report = school_progress(&across, 0, &school, &[], &[GroupBy::Disadvantaged]);
        let figures = report.value_added.figures.unwrap();
        let direct = school_progress(
            &reference,
            0,
            &pupils
                .iter()
                .filter(|p| p.school == 0)
                .cloned()
                .collect::<Vec<_>>(),
            &[],
            &[],
        );
        let one = direct.value_added.figures.unwrap();
        assert!((figures.value_added - one.value_added).abs() < 1e-9);
        assert!(
            ((figures.ci_upper - figures.value_added) - Z_95 * sigma / 60f64.sqrt()).abs() < 1e-9
        );
        assert!(report.gap.is_some(), "groups and gap as for one subject");
    }

    #[test]
    fn spread_needs_two_pupils() {
        assert_eq!(spread(&[pupil(1, 1, 100.0, 1.0)]), None);
        let two = [pupil(1, 1, 100.0, 1.0), pupil(2, 1, 100.0, 3.0)];
        assert!((spread(&two).unwrap() - 2f64.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn a_direction_counts_only_when_its_interval_excludes_zero() {
        let e = |value: f64, se: f64| Estimate { value, se };
        assert!(matches!(
            direction(&[e(-0.5, 0.1), e(0.0, 0.1), e(0.3, 0.1)]),
            Some(Direction::Rising { .. })
        ));
        assert!(matches!(
            direction(&[e(0.3, 0.1), e(-0.5, 0.1)]),
            Some(Direction::Falling { .. })
        ));
        // A change of 0.2 with se √0.08 ≈ 0.28: the interval holds zero.
        let steady = direction(&[e(0.0, 0.2), e(9.0, 9.0), e(0.2, 0.2)]).unwrap();
        assert!(matches!(steady, Direction::NoClearChange { .. }));
        let (change, (lo, hi)) = steady.change();
        assert!((change - 0.2).abs() < 1e-12);
        assert!((hi - change - Z_95 * 0.08f64.sqrt()).abs() < 1e-12 && lo < 0.0);
        assert_eq!(direction(&[e(0.0, 0.1)]), None);
        assert_eq!(direction(&[]), None);
    }
}
