//! A pupil's profile: every result, laid out per year as subjects × assessment points, each
//! subject with the outcome expected from the pupil's starting point, their class and its
//! teachers.

use super::report::{ProgressError, ProgressReports};
use headway_domain::access::Principal;
use headway_domain::ids::PupilId;
use headway_domain::progress::expected_range;
use headway_store::progress::{PupilClass, PupilRecord, PupilResult};

/// One of a pupil's results, with the outcome expected from their starting point.
#[derive(Debug, Clone)]
pub struct PupilResultFigures {
    pub result: PupilResult,
    pub expected: Option<f64>,
}

/// An assessment point of a pupil's year, as a column of their grid.
#[derive(Debug, Clone, PartialEq)]
pub struct PointColumn {
    pub name: String,
    pub kind: String,
    pub taken_on: time::Date,
}

/// A subject's row in a pupil's year: a result (or none) per assessment point.
#[derive(Debug, Clone)]
pub struct SubjectRow {
    pub subject_id: i64,
    pub subject: String,
    pub class_name: Option<String>,
    pub teachers: Vec<String>,
    /// The final outcome expected from the pupil's starting point, and the middle half of
    /// reference pupils' outcomes around it.
    pub expected: Option<f64>,
    pub expected_range: Option<(f64, f64)>,
    /// One per column of the year, in order.
    pub scores: Vec<Option<f64>>,
}

/// A year of a pupil's results.
#[derive(Debug, Clone)]
pub struct PupilYear {
    pub year_id: i64,
    pub year: String,
    /// The starting point (the year's baseline result; the mean if several).
    pub prior: Option<f64>,
    /// Interim and final points in time order (finals last).
    pub points: Vec<PointColumn>,
    pub subjects: Vec<SubjectRow>,
}

/// A pupil's record and every result, in time order and per year.
#[derive(Debug, Clone)]
pub struct PupilProfile {
    pub pupil: PupilRecord,
    pub results: Vec<PupilResultFigures>,
    /// The starting point shown (the latest baseline result).
    pub prior: Option<f64>,
    /// Latest year first.
    pub years: Vec<PupilYear>,
}

impl ProgressReports<'_> {
    /// A pupil's record and results with their expectations, if the pupil is within
    /// `viewer`'s scope; a pupil outside it and one who does not exist look the same.
    pub async fn pupil(
        &self,
        viewer: &Principal,
        pupil: PupilId,
    ) -> Result<PupilProfile, ProgressError> {
        let progress = self.store.progress();
        let record = progress
            .pupil(pupil, |school| viewer.pupil_scope(school))
            .await?
            .ok_or(ProgressError::NotFound)?;
        let results = progress.pupil_results(pupil).await?;
        let classes = progress.pupil_classes(pupil).await?;
        let version = self.store.data_version().await?;
        let mut lines = Vec::with_capacity(results.len());
        let mut prior_shown = None;
        let mut years: Vec<PupilYear> = Vec::new();
        for r in &results {
            if r.kind == "baseline" {
                prior_shown = Some(r.score);
            }
            if !years.iter().any(|y| y.year_id == r.year_id) {
                years.push(PupilYear {
                    year_id: r.year_id,
                    year: r.year.clone(),
                    prior: baseline_of(&results, r.year_id),
                    points: Vec::new(),
                    subjects: Vec::new(),
                });
            }
        }
        for year in &mut years {
            for r in results
                .iter()
                .filter(|r| r.year_id == year.year_id && r.kind != "baseline")
            {
                let column = PointColumn {
                    name: r.point.clone(),
                    kind: r.kind.clone(),
                    taken_on: r.taken_on,
                };
                if !year.points.contains(&column) {
                    year.points.push(column);
                }
                if !year.subjects.iter().any(|s| s.subject_id == r.subject_id) {
                    let reference = match year.prior {
                        Some(_) => self
                            .judging_reference(version, r.year_id, r.subject_id)
                            .await?
                            .ok(),
                        None => None,
                    };
                    let (class_name, teachers) = class_of(&classes, r.year_id, r.subject_id);
                    year.subjects.push(SubjectRow {
                        subject_id: r.subject_id,
                        subject: r.subject.clone(),
                        class_name,
                        teachers,
                        expected: reference
                            .as_ref()
                            .zip(year.prior)
                            .and_then(|(reference, p)| reference.simple.expected(p)),
                        expected_range: reference
                            .as_ref()
                            .zip(year.prior)
                            .and_then(|(reference, p)| expected_range(&reference.simple, p)),
                        scores: Vec::new(),
                    });
                }
            }
            year.points
                .sort_by_key(|p| (p.kind == "final", p.taken_on, p.name.clone()));
            year.subjects.sort_by(|a, b| a.subject.cmp(&b.subject));
            for subject in &mut year.subjects {
                subject.scores = year
                    .points
                    .iter()
                    .map(|p| {
                        results
                            .iter()
                            .find(|r| {
                                r.year_id == year.year_id
                                    && r.subject_id == subject.subject_id
                                    && r.point == p.name
                                    && r.taken_on == p.taken_on
                            })
                            .map(|r| r.score)
                    })
                    .collect();
            }
        }
        for r in &results {
            let expected = years
                .iter()
                .filter(|_| r.kind != "baseline")
                .find(|y| y.year_id == r.year_id)
                .and_then(|y| y.subjects.iter().find(|s| s.subject_id == r.subject_id))
                .and_then(|s| s.expected);
            lines.push(PupilResultFigures {
                result: r.clone(),
                expected,
            });
        }
        years.reverse();
        Ok(PupilProfile {
            pupil: record,
            results: lines,
            prior: prior_shown,
            years,
        })
    }
}

/// A year's starting point: its baseline result (the mean, if several subjects carry one).
fn baseline_of(results: &[PupilResult], year: i64) -> Option<f64> {
    let scores: Vec<f64> = results
        .iter()
        .filter(|r| r.year_id == year && r.kind == "baseline")
        .map(|r| r.score)
        .collect();
    (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
}

/// The pupil's class in a subject and year, and its teachers.
fn class_of(classes: &[PupilClass], year: i64, subject: i64) -> (Option<String>, Vec<String>) {
    let mine: Vec<&PupilClass> = classes
        .iter()
        .filter(|c| c.year_id == year && c.subject_id == Some(subject))
        .collect();
    let Some(first) = mine.first() else {
        return (None, Vec::new());
    };
    let mut teachers: Vec<String> = mine
        .iter()
        .filter(|c| c.class_name == first.class_name)
        .filter_map(|c| c.teacher_name.clone())
        .collect();
    teachers.dedup();
    (Some(first.class_name.clone()), teachers)
}
