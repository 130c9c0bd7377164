//! A teacher's own classes' progress this year: for each class they teach, the value
//! added on its pupils' latest interim (or final) results, with its 95% interval, against
//! the reference expectations the falling-behind list uses (ANALYTICS.md §2 and §5).
//!
//! Only the viewer's own classes, whatever else their role lets them see: this is what a
//! teacher reads beside their coaching goal, and it holds no other teacher's figure, so
//! nothing can rank them against a colleague.

use super::behind::by_pupil;
use super::report::{NoFigures, ProgressError, ProgressReports};
use headway_domain::access::{Action, Principal, PupilScope};
use headway_domain::ids::{ClassId, SchoolId};
use headway_domain::progress::{Assessment, latest_and_previous};
use headway_stats::value_added::simple::GroupFigures;
use headway_store::progress::Choice;

/// One of the viewer's classes in one subject.
#[derive(Debug, Clone)]
pub struct OwnClass {
    pub class: ClassId,
    pub class_name: String,
    pub subject: Choice,
    /// Pupils of the class with a latest result and a starting point.
    pub pupils: usize,
    /// The assessment most of them were judged on (their own latest), and whether any of
    /// those results is final.
    pub point: String,
    pub any_final: bool,
    /// Value added with its interval; `None` when the class is below the threshold for a
    /// figure, or has no reference to be judged against.
    pub figures: Option<GroupFigures>,
    /// Why there is no figure when the class has no reference expectation.
    pub problem: Option<NoFigures>,
}

/// The viewer's own classes' progress in the latest year with interim or final results.
#[derive(Debug, Clone, Default)]
pub struct OwnClasses {
    pub year: Option<Choice>,
    pub classes: Vec<OwnClass>,
    /// Groups with fewer pupils than this show no figure.
    pub threshold: usize,
}

impl ProgressReports<'_> {
    /// The classes `viewer` teaches at `school`, each with its pupils' value added on their
    /// latest results this year and its interval. Never another teacher's class.
    pub async fn own_classes(
        &self,
        viewer: &Principal,
        school: SchoolId,
    ) -> Result<OwnClasses, ProgressError> {
        viewer.may(&Action::ViewPupils(school))?;
        let own: Vec<ClassId> = viewer
            .taught_classes
            .iter()
            .filter(|(s, _)| *s == school)
            .map(|(_, c)| *c)
            .collect();
        let mut found = OwnClasses {
            threshold: self.references.settings().suppression_threshold,
            ..OwnClasses::default()
        };
        if own.is_empty() {
            return Ok(found);
        }
        let scope = PupilScope::Classes(own.clone());
        let progress = self.store.progress();
        let Some(year) = progress.assessed_years(school).await?.into_iter().next() else {
            return Ok(found);
        };
        let version = self.store.data_version().await?;
        for subject in progress.assessed_subjects(school, year.id).await? {
            let rows: Vec<_> = progress
                .subject_assessments(school, year.id, subject.id, &scope)
                .await?
                .into_iter()
                .filter(|r| r.class_id.is_some_and(|c| own.contains(&ClassId(c))))
                .collect();
            if rows.is_empty() {
                continue;
            }
            let mut classes: Vec<(i64, String)> = rows
                .iter()
                .filter_map(|r| Some((r.class_id?, r.class_name.clone()?)))
                .collect();
            classes.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
            classes.dedup();
            let reference = self.judging_reference(version, year.id, subject.id).await?;
            // Each pupil's own latest result, with their starting point and class.
            let mut latest: Vec<(usize, f64, f64, String, bool)> = Vec::new();
            for rows in by_pupil(rows).into_values() {
                let assessments: Vec<Assessment> = rows
                    .iter()
                    .map(|r| Assessment {
                        point: r.point_id,
                        is_final: r.kind == "final",
                        taken_on: r.taken_on,
                        score: r.score,
                    })
                    .collect();
                let Some((last, _)) = latest_and_previous(&assessments) else {
                    continue;
                };
                let first = &rows[0];
                let (Some(prior), Some(class)) = (first.prior, first.class_id) else {
                    continue;
                };
                let Some(index) = classes.iter().position(|(id, _)| *id == class) else {
                    continue;
                };
                let point = rows
                    .iter()
                    .find(|r| r.point_id == last.point)
                    .map(|r| r.point_name.clone())
                    .unwrap_or_default();
                latest.push((index, prior, last.score, point, last.is_final));
            }
            let table = reference.as_ref().ok().map(|reference| {
                let (group, (prior, outcome)): (Vec<u32>, (Vec<f64>, Vec<f64>)) = latest
                    .iter()
                    .map(|(g, p, y, _, _)| (*g as u32, (*p, *y)))
                    .unzip();
                reference.simple.group_value_added(
                    &prior,
                    &outcome,
                    &group,
                    classes.len(),
                    &reference.settings,
                )
            });
            for (index, (id, name)) in classes.into_iter().enumerate() {
                let in_class: Vec<&(usize, f64, f64, String, bool)> =
                    latest.iter().filter(|l| l.0 == index).collect();
                let mut points: Vec<&str> = in_class.iter().map(|l| l.3.as_str()).collect();
                points.sort_unstable();
                let point = points
                    .chunk_by(|a, b| a == b)
                    .max_by_key(|run| run.len())
                    .and_then(|run| run.first())
                    .map(|p| (*p).to_owned())
                    .unwrap_or_default();
                found.classes.push(OwnClass {
                    class: ClassId(id),
                    class_name: name,
                    subject: subject.clone(),
                    pupils: in_class.len(),
                    point,
                    any_final: in_class.iter().any(|l| l.4),
                    figures: table
                        .as_ref()
                        .and_then(|t| t.groups.get(index))
                        .and_then(|g| g.figures.clone()),
                    problem: reference
                        .as_ref()
                        .err()
                        .map(|why| NoFigures::NoReference(why.clone())),
                });
            }
        }
        found.year = Some(year);
        Ok(found)
    }
}
