//! Observation as use cases: recording one (learning walk, developmental, peer,
//! self-reflection), reading one, sharing it with a coach, a person's own records, the
//! school's counts by strand, and the school's policy on leaders reading records. Each asks
//! the access policy first, writes in one transaction with its audit line, and returns
//! what the reader may see — a learning walk never names its teacher to anyone but that
//! teacher.

use headway_domain::access::{Action, Denied, Principal};
use headway_domain::anonymity::Threshold;
use std::collections::{BTreeMap, BTreeSet};

use headway_domain::ids::{ClassId, PersonId, SchoolId, SubjectId};
use headway_domain::observation::framework::{Framework, built_in};
use headway_domain::observation::record::{Draft, DraftProblem};
use headway_domain::observation::summary::{StrandSummary, by_strand, by_strand_in_department};
use headway_domain::observation::{Kind, Reader, RecordPolicy, readers};
use headway_store::observation::{NewObservation, Observation, ObservationId, Relation, Teaching};
use headway_store::planning::PriorityId;
use headway_store::{Store, StoreError};

/// Why an observation use case did nothing.
#[derive(Debug, thiserror::Error)]
pub enum ObservationError {
    #[error("forbidden: {0}")]
    Denied(#[from] Denied),
    /// No such record, or one the reader may not see: the two answer alike.
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Draft(#[from] DraftProblem),
    /// A form naming what cannot be: a class or teacher not of the school, a priority not
    /// of its plan, a coach not on its staff, an unreadable date.
    #[error("{0}")]
    Invalid(Invalid),
    #[error("store: {0}")]
    Store(#[from] StoreError),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    #[error("that class and teacher are not on the school's roster")]
    NotTaught,
    #[error("that priority is not in the school's plan")]
    NotAPriority,
    #[error("a record is shared with a colleague on the school's staff")]
    NotStaff,
    #[error("a learning walk is not shared: it counts only in the school's figures")]
    WalkNotShared,
    #[error("dates are written as YYYY-MM-DD")]
    BadDate,
}

pub type Result<T, E = ObservationError> = std::result::Result<T, E>;

/// The framework observations are recorded on.
pub fn framework() -> &'static Framework {
    built_in()
}

/// An observation as a form sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObservationForm {
    pub kind: Kind,
    pub observed_on: String,
    pub class: ClassId,
    pub teacher: PersonId,
    pub strand: String,
    pub priority: Option<PriorityId>,
    pub evidence: String,
    pub strengths: String,
    pub action_step: Option<String>,
    pub revisit_on: Option<String>,
}

fn date(text: &str) -> Result<time::Date> {
    crate::dates::iso_date(text).ok_or(ObservationError::Invalid(Invalid::BadDate))
}

/// What a form offers: the classes with their teachers (one's own for a self-reflection),
/// the framework's strands, and the priorities of the school's newest plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormChoices {
    pub teaching: Vec<Teaching>,
    pub priorities: Vec<(PriorityId, String)>,
}

pub async fn form_choices(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
    kind: Kind,
) -> Result<FormChoices> {
    viewer.may(&Action::RecordObservation { school, kind })?;
    let mut teaching = store.observations().teaching(school).await?;
    if kind == Kind::SelfReflection {
        teaching.retain(|t| t.teacher_id == viewer.person.0);
    } else {
        teaching.retain(|t| t.teacher_id != viewer.person.0);
    }
    Ok(FormChoices {
        teaching,
        priorities: plan_priorities(store, school).await?,
    })
}

/// The priorities of the newest version of the school's newest plan, if it has one.
pub async fn plan_priorities(store: &Store, school: SchoolId) -> Result<Vec<(PriorityId, String)>> {
    let Some(year) = store.planning().years(school).await?.into_iter().next() else {
        return Ok(Vec::new());
    };
    let Some(version) = store
        .planning()
        .versions(school, year.id)
        .await?
        .into_iter()
        .next()
    else {
        return Ok(Vec::new());
    };
    Ok(store
        .planning()
        .content(version.id)
        .await?
        .map(|c| c.priorities.into_iter().map(|p| (p.id, p.title)).collect())
        .unwrap_or_default())
}

/// Records an observation. The viewer is its observer (and, for a self-reflection, its
/// teacher); the class and teacher come from the school's roster.
pub async fn record(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
    form: &ObservationForm,
) -> Result<ObservationId> {
    viewer.may(&Action::RecordObservation {
        school,
        kind: form.kind,
    })?;
    let taught = store
        .observations()
        .teaching(school)
        .await?
        .iter()
        .any(|t| t.class_id == form.class.0 && t.teacher_id == form.teacher.0);
    if !taught {
        return Err(ObservationError::Invalid(Invalid::NotTaught));
    }
    if let Some(priority) = form.priority
        && !plan_priorities(store, school)
            .await?
            .iter()
            .any(|(id, _)| *id == priority)
    {
        return Err(ObservationError::Invalid(Invalid::NotAPriority));
    }
    let framework = framework();
    let draft = Draft {
        kind: form.kind,
        observed_on: date(&form.observed_on)?,
        teacher: form.teacher,
        observer: viewer.person,
        strand: form.strand.clone(),
        evidence: form.evidence.trim().to_owned(),
        strengths: form.strengths.trim().to_owned(),
        action_step: form.action_step.clone(),
        revisit_on: match form.revisit_on.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(date(text)?),
        },
    }
    .check(framework)?;
    let new = NewObservation {
        school,
        kind: draft.kind,
        observed_on: draft.observed_on.to_string(),
        class: form.class,
        teacher: draft.teacher,
        observer: draft.observer,
        framework: framework.id.clone(),
        framework_version: i64::from(framework.version),
        strand: draft.strand,
        priority: form.priority,
        evidence: draft.evidence,
        strengths: draft.strengths,
        action_step: draft.action_step,
        revisit_on: draft.revisit_on.map(|d| d.to_string()),
    };
    let mut tx = store.begin().await?;
    let id = store.observations().add(&mut tx, &new).await?;
    // The audit line names the record, never its teacher (a learning walk names no one).
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "observation.record",
            &format!("school {}: {} {}", school.0, new.kind.as_str(), id.0),
        )
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// One record as its reader sees it: who else can read it, and whether they may share it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordView {
    pub observation: Observation,
    pub readers: Vec<Reader>,
    pub policy: RecordPolicy,
    /// The reader is the teacher it is about.
    pub is_teacher: bool,
    /// The teacher may share it with a coach (not a learning walk).
    pub may_share: bool,
    /// Staff a teacher may share with (for the teacher only).
    pub colleagues: Vec<(PersonId, String)>,
}

/// A record for a reader the policy lets read it; "not found" for anyone else, exactly as
/// for a record that does not exist.
pub async fn read(store: &Store, viewer: &Principal, id: ObservationId) -> Result<RecordView> {
    let observation = store
        .observations()
        .get(id)
        .await?
        .ok_or(ObservationError::NotFound)?;
    let policy = store.observations().policy(observation.school).await?;
    let facts = observation.facts(policy);
    viewer
        .may(&Action::ReadObservation(facts))
        .map_err(|_| ObservationError::NotFound)?;
    let is_teacher = viewer.person == observation.teacher;
    let may_share = is_teacher && observation.kind != Kind::LearningWalk;
    let colleagues = if may_share {
        store
            .planning()
            .staff(observation.school)
            .await?
            .into_iter()
            .filter(|(p, _)| *p != observation.teacher)
            .collect()
    } else {
        Vec::new()
    };
    Ok(RecordView {
        observation: as_seen_by(viewer, observation),
        readers: readers(&facts),
        policy,
        is_teacher,
        may_share,
        colleagues,
    })
}

/// A learning walk names no teacher and no class to anyone but its teacher.
fn as_seen_by(viewer: &Principal, mut observation: Observation) -> Observation {
    if observation.kind == Kind::LearningWalk && viewer.person != observation.teacher {
        observation.teacher_name = String::new();
        observation.class_name = String::new();
    }
    observation
}

/// Shares a record with one colleague (`Some`) or stops sharing it (`None`): the teacher
/// it is about only.
pub async fn share(
    store: &Store,
    viewer: &Principal,
    id: ObservationId,
    coach: Option<PersonId>,
) -> Result<()> {
    let observation = store
        .observations()
        .get(id)
        .await?
        .ok_or(ObservationError::NotFound)?;
    let policy = store.observations().policy(observation.school).await?;
    viewer
        .may(&Action::ReadObservation(observation.facts(policy)))
        .map_err(|_| ObservationError::NotFound)?;
    viewer.may(&Action::ShareObservation {
        school: observation.school,
        teacher: observation.teacher,
    })?;
    if observation.kind == Kind::LearningWalk {
        return Err(ObservationError::Invalid(Invalid::WalkNotShared));
    }
    if let Some(coach) = coach {
        let staff = store.planning().staff(observation.school).await?;
        if coach == observation.teacher || !staff.iter().any(|(p, _)| *p == coach) {
            return Err(ObservationError::Invalid(Invalid::NotStaff));
        }
    }
    let mut tx = store.begin().await?;
    store.observations().set_coach(&mut tx, id, coach).await?;
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "observation.share",
            &format!(
                "observation {}: shared with {}",
                id.0,
                coach.map_or("nobody".to_owned(), |c| format!("person {}", c.0))
            ),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A person's own records at a school.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MyObservations {
    pub about_me: Vec<Observation>,
    pub written: Vec<Observation>,
    pub shared_with_me: Vec<Observation>,
    pub policy: RecordPolicy,
    /// The kinds this person may record.
    pub may_record: Vec<Kind>,
    pub may_view_summary: bool,
}

pub async fn mine(store: &Store, viewer: &Principal, school: SchoolId) -> Result<MyObservations> {
    viewer.may(&Action::ViewOwnObservations(school))?;
    let me = viewer.person;
    let observations = store.observations();
    let list = |relation| observations.list(school, relation);
    let written = list(Relation::WrittenBy(me))
        .await?
        .into_iter()
        .map(|o| as_seen_by(viewer, o))
        .collect();
    Ok(MyObservations {
        about_me: list(Relation::About(me))
            .await?
            .into_iter()
            .map(|o| as_seen_by(viewer, o))
            .collect(),
        written,
        shared_with_me: list(Relation::SharedWith(me)).await?,
        policy: store.observations().policy(school).await?,
        may_record: Kind::ALL
            .into_iter()
            .filter(|&kind| {
                viewer
                    .may(&Action::RecordObservation { school, kind })
                    .is_ok()
            })
            .collect(),
        may_view_summary: viewer.may(&Action::ViewObservationSummary(school)).is_ok(),
    })
}

/// The school's observations by strand, and — for the head and senior leaders, where the
/// policy opens them — the individual developmental and peer records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolObservations {
    pub summary: StrandSummary,
    pub policy: RecordPolicy,
    pub may_set_policy: bool,
    pub open_records: Vec<Observation>,
}

pub async fn summary(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
    threshold: Threshold,
) -> Result<SchoolObservations> {
    viewer.may(&Action::ViewObservationSummary(school))?;
    let counted = store.observations().counted(school).await?;
    let policy = store.observations().policy(school).await?;
    let mut open_records = Vec::new();
    if policy == RecordPolicy::LeadersReadObservations {
        for record in store
            .observations()
            .list(school, Relation::OpenToLeaders)
            .await?
        {
            // Each record asks the policy itself: a governor or middle leader gets none.
            if viewer
                .may(&Action::ReadObservation(record.facts(policy)))
                .is_ok()
            {
                open_records.push(record);
            }
        }
    }
    Ok(SchoolObservations {
        summary: by_strand(framework(), &counted, threshold),
        policy,
        may_set_policy: viewer.may(&Action::SetObservationPolicy(school)).is_ok(),
        open_records,
    })
}

/// Sets the school's policy on leaders reading records: the head.
pub async fn set_policy(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
    policy: RecordPolicy,
) -> Result<()> {
    viewer.may(&Action::SetObservationPolicy(school))?;
    let mut tx = store.begin().await?;
    store
        .observations()
        .set_policy(&mut tx, school, policy, viewer.person)
        .await?;
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "observation.policy",
            &format!("school {}: {}", school.0, policy.as_str()),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// One department's observations by strand (issue 16, item 9): the records about the
/// teachers of its subject, counted and hidden by `summary::by_strand_in_department`, so a
/// department whose figures would rest on fewer than k teachers — or give away fewer than
/// k beside the school's own counts — shows none. No teacher is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentObservations {
    pub subject: SubjectId,
    /// The subject's stored name (pages name it in the reader's language).
    pub subject_name: String,
    pub summary: StrandSummary,
    /// How many teachers the department has this year (whether observed or not).
    pub teachers: usize,
}

pub async fn department_summary(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
    subject: SubjectId,
    threshold: Threshold,
) -> Result<DepartmentObservations> {
    viewer.may(&Action::ViewDepartmentObservations { school, subject })?;
    let mut departments: BTreeMap<SubjectId, BTreeSet<PersonId>> = BTreeMap::new();
    for (s, person) in store.observations().department_teachers(school).await? {
        departments.entry(s).or_default().insert(person);
    }
    if !departments.contains_key(&subject) {
        // No class of the subject at the school this year: no such department.
        return Err(ObservationError::NotFound);
    }
    // The departments this reader may open are the breakdown they see beside the school's.
    let visible: BTreeSet<SubjectId> = departments
        .keys()
        .copied()
        .filter(|&s| {
            viewer
                .may(&Action::ViewDepartmentObservations { school, subject: s })
                .is_ok()
        })
        .collect();
    let counted = store.observations().counted(school).await?;
    Ok(DepartmentObservations {
        subject,
        subject_name: subject_name(store, subject).await?,
        teachers: departments.get(&subject).map_or(0, BTreeSet::len),
        summary: by_strand_in_department(
            framework(),
            &counted,
            &departments,
            &visible,
            subject,
            threshold,
        ),
    })
}

async fn subject_name(store: &Store, subject: SubjectId) -> Result<String> {
    Ok(store
        .progress()
        .stored_subjects()
        .await?
        .into_iter()
        .find(|s| s.id == subject.0)
        .map(|s| s.name)
        .unwrap_or_default())
}

/// The departments (subjects, with their stored names) of a school whose counts the viewer
/// may read, for links to them.
pub async fn departments_for(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
) -> Result<Vec<(SubjectId, String)>> {
    let mut subjects: Vec<SubjectId> = store
        .observations()
        .department_teachers(school)
        .await?
        .into_iter()
        .map(|(s, _)| s)
        .filter(|&subject| {
            viewer
                .may(&Action::ViewDepartmentObservations { school, subject })
                .is_ok()
        })
        .collect();
    subjects.dedup();
    if subjects.is_empty() {
        return Ok(Vec::new());
    }
    let names = store.progress().stored_subjects().await?;
    Ok(subjects
        .into_iter()
        .map(|s| {
            let name = names
                .iter()
                .find(|n| n.id == s.0)
                .map(|n| n.name.clone())
                .unwrap_or_default();
            (s, name)
        })
        .collect())
}
