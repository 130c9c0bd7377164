//! Learning triads and collaborative inquiry as use cases (issue 16, item 5): starting a
//! group, planning its lessons, linking its peer observations, writing its notes and
//! findings, sharing the findings with the school, the school's list, and one inquiry as
//! its reader may see it — with, for its members, the interim results of the classes its
//! lessons are taught in.
//!
//! Each asks the access policy first (`Action::*Inquiry*`, which asks
//! `domain::inquiry::reading`), writes in one transaction with its audit line, and returns
//! only what the reader may see: a governor gets shared findings with no one named; the
//! rest of the staff the question and shared findings; the group everything.
//!
//! **The classes' results** are the progress pages' figures, computed the same way, for
//! the pupils of the classes the group's lessons are taught in, pooled (no class is set
//! against another, no teacher ranked): at each interim or final assessment point of the
//! classes' year, the mean value added of the results against the outcome expected from
//! each pupil's starting point (`simple::ReferenceModel::group_value_added`: 1.96 σ/√n,
//! σ the reference population's) and the share of pupils on track — not falling behind
//! by the falling-behind page's rule — with its Wilson interval; judged, as the
//! falling-behind page judges a year under way, against the latest year with final
//! results; each shown only when it rests on enough pupils.

use std::collections::BTreeMap;

use headway_domain::access::{Action, Denied, Principal, PupilScope};
use headway_domain::anonymity::Threshold;
use headway_domain::ids::{ClassId, PersonId, SchoolId};
use headway_domain::inquiry::{Draft, DraftProblem, LessonDraft, Reading, check_text};
use headway_domain::observation::Kind;
use headway_domain::progress::{InterimResult, falling_behind};
use headway_stats::proportion::wilson;
use headway_stats::value_added::simple::GroupFigures;
use headway_store::inquiry::{Inquiry, InquiryId, Lesson, NewInquiry, NewLesson};
use headway_store::observation::{Observation, ObservationId};
use headway_store::planning::PriorityId;
use headway_store::progress::Choice;
use headway_store::{Store, StoreError};

use crate::observation::{framework, plan_priorities};
use crate::progress::ProgressReports;

/// Why an inquiry use case did nothing.
#[derive(Debug, thiserror::Error)]
pub enum InquiryError {
    #[error("forbidden: {0}")]
    Denied(#[from] Denied),
    /// No such inquiry (or observation), or one the reader may not see: the two answer
    /// alike.
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Draft(#[from] DraftProblem),
    #[error("{0}")]
    Invalid(Invalid),
    #[error("store: {0}")]
    Store(#[from] StoreError),
}

/// A form naming what cannot be.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    #[error("every member of an inquiry group teaches or leads at the school")]
    NotEligible,
    #[error("that priority is not in the school's plan")]
    NotAPriority,
    #[error("a planned lesson is in a class a member of the group teaches")]
    NotMembersClass,
    #[error(
        "an inquiry links a peer observation between two of its members, by the teacher observed"
    )]
    NotGroupsPeerObservation,
    #[error("write the findings before sharing them")]
    NoFindings,
    #[error("dates are written as YYYY-MM-DD")]
    BadDate,
}

pub type Result<T, E = InquiryError> = std::result::Result<T, E>;

fn date(text: &str) -> Result<time::Date> {
    crate::dates::iso_date(text).ok_or(InquiryError::Invalid(Invalid::BadDate))
}

// ---------------------------------------------------------------------------------------
// The school's list.

/// An inquiry in the school's list, as its reader may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedInquiry {
    pub id: InquiryId,
    pub reading: Reading,
    pub question: String,
    pub strand: String,
    /// Empty for a governor.
    pub members: Vec<(PersonId, String)>,
    pub priority: Option<String>,
    /// The findings, once shared (or, for a member, as written so far).
    pub findings: Option<String>,
    pub shared_at: Option<i64>,
}

/// The school's inquiries for a reader, and what they may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolInquiries {
    pub inquiries: Vec<ListedInquiry>,
    pub may_start: bool,
    /// Who may be in a group (for the form that starts one).
    pub colleagues: Vec<(PersonId, String)>,
    pub priorities: Vec<(PriorityId, String)>,
}

fn listed(inquiry: Inquiry, reading: Reading) -> ListedInquiry {
    let shared = inquiry.shared_at.is_some();
    ListedInquiry {
        id: inquiry.id,
        reading,
        question: inquiry.question,
        strand: inquiry.strand,
        members: if reading == Reading::SharedFindings {
            Vec::new()
        } else {
            inquiry.members
        },
        priority: (reading != Reading::SharedFindings)
            .then(|| inquiry.priority.map(|(_, title)| title))
            .flatten(),
        findings: (shared || reading == Reading::Member)
            .then_some(inquiry.findings)
            .filter(|f| !f.is_empty()),
        shared_at: inquiry.shared_at,
    }
}

pub async fn list(store: &Store, viewer: &Principal, school: SchoolId) -> Result<SchoolInquiries> {
    viewer.may(&Action::ViewInquiries(school))?;
    let inquiries = store
        .inquiries()
        .list(school)
        .await?
        .into_iter()
        .filter_map(|inquiry| {
            let reading = viewer.inquiry_reading(&inquiry.facts())?;
            Some(listed(inquiry, reading))
        })
        .collect();
    let may_start = viewer.may(&Action::StartInquiry(school)).is_ok();
    let (colleagues, priorities) = if may_start {
        (
            store.inquiries().eligible_members(school).await?,
            plan_priorities(store, school)
                .await
                .map_err(observation_error)?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(SchoolInquiries {
        inquiries,
        may_start,
        colleagues,
        priorities,
    })
}

fn observation_error(error: crate::observation::ObservationError) -> InquiryError {
    match error {
        crate::observation::ObservationError::Store(e) => InquiryError::Store(e),
        crate::observation::ObservationError::Denied(d) => InquiryError::Denied(d),
        _ => InquiryError::NotFound,
    }
}

// ---------------------------------------------------------------------------------------
// Starting one.

/// An inquiry as a form sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InquiryForm {
    pub question: String,
    pub strand: String,
    pub priority: Option<PriorityId>,
    /// The colleagues joining; the person starting it joins whether listed or not.
    pub members: Vec<PersonId>,
}

/// Starts an inquiry group of three to six people who teach or lead at the school, the
/// viewer among them.
pub async fn start(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
    form: &InquiryForm,
) -> Result<InquiryId> {
    viewer.may(&Action::StartInquiry(school))?;
    let mut members = form.members.clone();
    members.push(viewer.person);
    let draft = Draft {
        question: form.question.clone(),
        strand: form.strand.clone(),
        members,
        started_by: viewer.person,
    }
    .check(framework())?;
    let eligible = store.inquiries().eligible_members(school).await?;
    if !draft
        .members
        .iter()
        .all(|m| eligible.iter().any(|(p, _)| p == m))
    {
        return Err(InquiryError::Invalid(Invalid::NotEligible));
    }
    if let Some(priority) = form.priority
        && !plan_priorities(store, school)
            .await
            .map_err(observation_error)?
            .iter()
            .any(|(id, _)| *id == priority)
    {
        return Err(InquiryError::Invalid(Invalid::NotAPriority));
    }
    let framework = framework();
    let new = NewInquiry {
        school,
        question: draft.question,
        framework: framework.id.clone(),
        strand: draft.strand,
        priority: form.priority,
        members: draft.members,
        started_by: viewer.person,
    };
    let mut tx = store.begin().await?;
    let id = store.inquiries().create(&mut tx, &new).await?;
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "inquiry.start",
            &format!(
                "school {}: inquiry {} with {} members",
                school.0,
                id.0,
                new.members.len()
            ),
        )
        .await?;
    tx.commit().await?;
    Ok(id)
}

// ---------------------------------------------------------------------------------------
// One inquiry.

/// A peer observation linked to an inquiry, as the group's page lists it: who observed
/// whom, when, on which strand. What the record says stays with its own readers
/// (`observation::readers`): the page links to it, and it opens for them alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedObservation {
    pub id: ObservationId,
    pub observed_on: String,
    pub strand: String,
    pub teacher_name: String,
    pub observer_name: String,
    pub class_name: String,
}

/// One figure at one assessment point, with its interval, or why it is not shown.
#[derive(Debug, Clone, PartialEq)]
pub enum PointFigure<T> {
    Shown(T),
    /// Fewer pupils than the threshold: no figure.
    TooFew,
}

/// The share of pupils on track, with its 95% Wilson interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OnTrack {
    pub on_track: u64,
    pub share: f64,
    pub lower: f64,
    pub upper: f64,
}

/// The group's classes at one assessment point.
#[derive(Debug, Clone, PartialEq)]
pub struct PointEvidence {
    pub point: String,
    pub taken_on: time::Date,
    pub is_final: bool,
    /// Pupils with a result and a starting point in an expectation's range.
    pub pupils: usize,
    pub value_added: PointFigure<GroupFigures>,
    pub on_track: PointFigure<OnTrack>,
}

/// The group's classes in one subject and year.
#[derive(Debug, Clone)]
pub struct SubjectEvidence {
    pub year: i64,
    pub subject: i64,
    pub subject_name: String,
    pub classes: Vec<String>,
    /// The year whose expectations the results are judged against, when not the year
    /// itself (a year under way).
    pub expected_from: Option<Choice>,
    /// Why there are no figures: no reference expectations for the subject.
    pub no_reference: bool,
    pub threshold: Threshold,
    pub points: Vec<PointEvidence>,
}

/// An inquiry as its reader may see it.
#[derive(Debug, Clone)]
pub struct InquiryView {
    pub inquiry: ListedInquiry,
    pub school: SchoolId,
    /// For members only: everything below is empty for anyone else.
    pub notes: String,
    pub lessons: Vec<Lesson>,
    pub observations: Vec<LinkedObservation>,
    pub evidence: Vec<SubjectEvidence>,
    /// Choices for the member's forms: the members' classes (class, teacher, class name,
    /// teacher name), and the reader's own peer observations with another member that
    /// may still be linked.
    pub classes: Vec<(ClassId, PersonId, String, String)>,
    pub linkable: Vec<LinkedObservation>,
}

fn linked(o: &Observation) -> LinkedObservation {
    LinkedObservation {
        id: o.id,
        observed_on: o.observed_on.clone(),
        strand: o.strand.clone(),
        teacher_name: o.teacher_name.clone(),
        observer_name: o.observer_name.clone(),
        class_name: o.class_name.clone(),
    }
}

/// An inquiry the viewer reads, as much as they may; "not found" otherwise, exactly as
/// for one that does not exist.
pub async fn read(
    store: &Store,
    progress: &ProgressReports<'_>,
    viewer: &Principal,
    id: InquiryId,
) -> Result<InquiryView> {
    let inquiry = store
        .inquiries()
        .get(id)
        .await?
        .ok_or(InquiryError::NotFound)?;
    let facts = inquiry.facts();
    viewer
        .may(&Action::ReadInquiry(facts.clone()))
        .map_err(|_| InquiryError::NotFound)?;
    let reading = viewer
        .inquiry_reading(&facts)
        .ok_or(InquiryError::NotFound)?;
    let school = inquiry.school;
    let mut view = InquiryView {
        notes: String::new(),
        school,
        lessons: Vec::new(),
        observations: Vec::new(),
        evidence: Vec::new(),
        classes: Vec::new(),
        linkable: Vec::new(),
        inquiry: listed(inquiry.clone(), reading),
    };
    if reading != Reading::Member {
        return Ok(view);
    }
    view.notes = inquiry.notes.clone();
    view.lessons = store.inquiries().lessons(id).await?;
    let linked_ids = store.inquiries().observations(id).await?;
    for observation in &linked_ids {
        if let Some(o) = store.observations().get(*observation).await? {
            view.observations.push(linked(&o));
        }
    }
    view.evidence = class_evidence(store, progress, school, &view.lessons).await?;
    view.classes = members_classes(store, &inquiry).await?;
    view.linkable = store
        .observations()
        .list(
            school,
            headway_store::observation::Relation::About(viewer.person),
        )
        .await?
        .iter()
        .filter(|o| is_groups_peer_observation(&inquiry, o) && !linked_ids.contains(&o.id))
        .map(linked)
        .collect();
    Ok(view)
}

/// A peer observation between two members of the group.
fn is_groups_peer_observation(inquiry: &Inquiry, o: &Observation) -> bool {
    let member = |p: PersonId| inquiry.members.iter().any(|(m, _)| *m == p);
    o.school == inquiry.school && o.kind == Kind::Peer && member(o.teacher) && member(o.observer)
}

/// The classes the members teach this year, by class name.
async fn members_classes(
    store: &Store,
    inquiry: &Inquiry,
) -> Result<Vec<(ClassId, PersonId, String, String)>> {
    Ok(store
        .observations()
        .teaching(inquiry.school)
        .await?
        .into_iter()
        .filter(|t| inquiry.members.iter().any(|(m, _)| m.0 == t.teacher_id))
        .map(|t| {
            (
                ClassId(t.class_id),
                PersonId(t.teacher_id),
                t.class_name,
                t.teacher_name,
            )
        })
        .collect())
}

/// The results of the classes the lessons are taught in, pooled, at each assessment
/// point, per subject and year (see the module's notes).
async fn class_evidence(
    store: &Store,
    progress: &ProgressReports<'_>,
    school: SchoolId,
    lessons: &[Lesson],
) -> Result<Vec<SubjectEvidence>> {
    // (year, subject) → (class ids, class names)
    let mut groups: BTreeMap<(i64, i64), (Vec<ClassId>, Vec<String>)> = BTreeMap::new();
    for lesson in lessons {
        let Some(subject) = lesson.subject_id else {
            continue;
        };
        let entry = groups.entry((lesson.year_id, subject)).or_default();
        if !entry.0.contains(&ClassId(lesson.class_id)) {
            entry.0.push(ClassId(lesson.class_id));
            entry.1.push(lesson.class_name.clone());
        }
    }
    if groups.is_empty() {
        return Ok(Vec::new());
    }
    let version = store.data_version().await?;
    let names: BTreeMap<i64, String> = store
        .progress()
        .stored_subjects()
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let mut evidence = Vec::new();
    for ((year, subject), (classes, mut class_names)) in groups {
        class_names.sort();
        let rows = store
            .progress()
            .subject_assessments(school, year, subject, &PupilScope::Classes(classes))
            .await?;
        let expected_from = progress
            .expectation_year(year, subject)
            .await?
            .filter(|from| from.id != year);
        let mut found = SubjectEvidence {
            year,
            subject,
            subject_name: names.get(&subject).cloned().unwrap_or_default(),
            classes: class_names,
            expected_from,
            no_reference: false,
            threshold: Threshold::DEFAULT,
            points: Vec::new(),
        };
        let reference = match progress.judging_reference(version, year, subject).await? {
            Ok(reference) => reference,
            Err(_) => {
                found.no_reference = true;
                evidence.push(found);
                continue;
            }
        };
        let threshold = Threshold::at_least(reference.settings.suppression_threshold);
        found.threshold = threshold;
        // (taken on, point id) → (name, is final, [(prior, score)])
        type AtPoint = (String, bool, Vec<(f64, f64)>);
        let mut points: BTreeMap<(time::Date, i64), AtPoint> = BTreeMap::new();
        for row in &rows {
            let entry = points
                .entry((row.taken_on, row.point_id))
                .or_insert_with(|| (row.point_name.clone(), row.kind == "final", Vec::new()));
            if let Some(prior) = row.prior {
                entry.2.push((prior, row.score));
            }
        }
        for ((taken_on, _), (point, is_final, pupils)) in points {
            // Only pupils with an expectation count, in both figures.
            let judged: Vec<(f64, f64)> = pupils
                .into_iter()
                .filter(|(prior, _)| reference.simple.expected(*prior).is_some())
                .collect();
            let n = judged.len();
            let priors: Vec<f64> = judged.iter().map(|(p, _)| *p).collect();
            let scores: Vec<f64> = judged.iter().map(|(_, s)| *s).collect();
            let table = reference.simple.group_value_added(
                &priors,
                &scores,
                &vec![0; n],
                1,
                &reference.settings,
            );
            let value_added = match table.groups.first().and_then(|g| g.figures.clone()) {
                Some(figures) if threshold.allows(n as u32) => PointFigure::Shown(figures),
                _ => PointFigure::TooFew,
            };
            let on_track_count = judged
                .iter()
                .filter(|(prior, score)| {
                    falling_behind(
                        &reference.simple,
                        InterimResult {
                            prior: Some(*prior),
                            latest: *score,
                            previous: None,
                        },
                    )
                    .is_none()
                })
                .count() as u64;
            let on_track = match wilson(on_track_count, n as u64) {
                Some(p) if threshold.allows(n as u32) => PointFigure::Shown(OnTrack {
                    on_track: on_track_count,
                    share: p.value,
                    lower: p.ci_lower,
                    upper: p.ci_upper,
                }),
                _ => PointFigure::TooFew,
            };
            found.points.push(PointEvidence {
                point,
                taken_on,
                is_final,
                pupils: n,
                value_added,
                on_track,
            });
        }
        evidence.push(found);
    }
    Ok(evidence)
}

// ---------------------------------------------------------------------------------------
// The group's work: members only.

async fn for_member(store: &Store, viewer: &Principal, id: InquiryId) -> Result<Inquiry> {
    let inquiry = store
        .inquiries()
        .get(id)
        .await?
        .ok_or(InquiryError::NotFound)?;
    let facts = inquiry.facts();
    // Someone who may not read it at all is told it does not exist.
    viewer
        .may(&Action::ReadInquiry(facts.clone()))
        .map_err(|_| InquiryError::NotFound)?;
    viewer.may(&Action::WorkOnInquiry(facts))?;
    Ok(inquiry)
}

/// A lesson as a form sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonForm {
    pub taught_on: String,
    pub class: ClassId,
    pub teacher: PersonId,
    pub tried: String,
}

/// Plans a lesson in a class a member teaches: a member.
pub async fn add_lesson(
    store: &Store,
    viewer: &Principal,
    id: InquiryId,
    form: &LessonForm,
) -> Result<()> {
    let inquiry = for_member(store, viewer, id).await?;
    let lesson = LessonDraft {
        taught_on: date(&form.taught_on)?,
        tried: form.tried.clone(),
    }
    .check()?;
    let taught = members_classes(store, &inquiry)
        .await?
        .iter()
        .any(|(c, t, _, _)| *c == form.class && *t == form.teacher);
    if !taught {
        return Err(InquiryError::Invalid(Invalid::NotMembersClass));
    }
    let mut tx = store.begin().await?;
    let lesson_id = store
        .inquiries()
        .add_lesson(
            &mut tx,
            id,
            &NewLesson {
                taught_on: lesson.taught_on.to_string(),
                class: form.class,
                teacher: form.teacher,
                tried: lesson.tried,
            },
        )
        .await?;
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "inquiry.lesson",
            &format!("inquiry {}: lesson {lesson_id}", id.0),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Links a peer observation between two members to the inquiry: the teacher it is about,
/// whose record it is.
pub async fn link_observation(
    store: &Store,
    viewer: &Principal,
    id: InquiryId,
    observation: ObservationId,
) -> Result<()> {
    let inquiry = for_member(store, viewer, id).await?;
    let Some(record) = store.observations().get(observation).await? else {
        return Err(InquiryError::Invalid(Invalid::NotGroupsPeerObservation));
    };
    if record.teacher != viewer.person || !is_groups_peer_observation(&inquiry, &record) {
        return Err(InquiryError::Invalid(Invalid::NotGroupsPeerObservation));
    }
    let mut tx = store.begin().await?;
    store
        .inquiries()
        .link_observation(&mut tx, id, observation)
        .await?;
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "inquiry.observation",
            &format!("inquiry {}: observation {}", id.0, observation.0),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Saves the group's working notes and findings: a member. Findings emptied stop being
/// shared.
pub async fn save_writing(
    store: &Store,
    viewer: &Principal,
    id: InquiryId,
    notes: &str,
    findings: &str,
) -> Result<()> {
    for_member(store, viewer, id).await?;
    let notes = check_text(notes)?;
    let findings = check_text(findings)?;
    let mut tx = store.begin().await?;
    store
        .inquiries()
        .save_writing(&mut tx, id, &notes, &findings)
        .await?;
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "inquiry.writing",
            &format!("inquiry {}: notes and findings saved", id.0),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Shares the findings with the school (`true`) or stops sharing them: a member. Findings
/// must be written first.
pub async fn share_findings(
    store: &Store,
    viewer: &Principal,
    id: InquiryId,
    share: bool,
) -> Result<()> {
    let inquiry = for_member(store, viewer, id).await?;
    if share && inquiry.findings.trim().is_empty() {
        return Err(InquiryError::Invalid(Invalid::NoFindings));
    }
    let mut tx = store.begin().await?;
    store
        .inquiries()
        .share_findings(&mut tx, id, share.then(|| store.now()))
        .await?;
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "inquiry.share",
            &format!(
                "inquiry {}: findings {}",
                id.0,
                if share { "shared" } else { "no longer shared" }
            ),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}
