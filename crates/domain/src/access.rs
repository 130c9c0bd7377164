//! Who may see and do what: the one authorization policy every page and API route asks.
//!
//! A [`Principal`] is a signed-in person with their grants (a role at an organisation,
//! resolved to the schools it covers) and the classes they teach. Every question a route
//! can ask is an [`Action`]; [`Principal::may`] answers it. Queries that return pupils are
//! filtered by [`Principal::pupil_scope`], so the same rule holds in the query layer.

use crate::coaching::CycleFacts;
use crate::heads::{
    self, ClusterFacts, CommunityFacts, CommunityReading, PairFacts, PairReading,
    Standing as HeadsStanding,
};
use crate::ids::{ClassId, OrgId, PersonId, SchoolId, SubjectId};
use crate::inquiry::{self, InquiryFacts, Reading as InquiryReading, Standing as InquiryStanding};
use crate::observation::{self, Kind as ObservationKind, Reader, RecordFacts};
use crate::review::{self, Act as ReviewAct, ReviewFacts};
use crate::roles::Role;
use serde::{Deserialize, Serialize};

/// A role held at an organisation, with the schools that organisation covers (the school
/// itself, or every school under a cluster, trust or system).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grant {
    pub role: Role,
    pub org: OrgId,
    /// For a middle leader: the department (subject) they lead; `None` for a phase or
    /// year leader, who sees the classes they teach.
    pub subject: Option<SubjectId>,
    pub schools: Vec<SchoolId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Principal {
    pub person: PersonId,
    pub name: String,
    pub grants: Vec<Grant>,
    /// Classes this person teaches, with their school.
    pub taught_classes: Vec<(SchoolId, ClassId)>,
}

/// How much of one school a person may see, from widest to narrowest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchoolView {
    /// Every pupil and every figure (head, senior leader, data manager).
    Whole,
    /// School-level figures, and pupils in the given departments and own classes.
    Departments(Vec<SubjectId>),
    /// School-level figures are not shown; pupils of their own classes only (teacher).
    OwnClasses,
    /// School-level figures only, never a pupil (governor, cluster or system leader).
    FiguresOnly,
}

/// Which pupils of a school a query may return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PupilScope {
    All,
    /// Pupils in classes of these subjects, or in these classes.
    Subjects {
        subjects: Vec<SubjectId>,
        classes: Vec<ClassId>,
    },
    Classes(Vec<ClassId>),
    None,
}

impl PupilScope {
    pub fn is_none(&self) -> bool {
        matches!(self, PupilScope::None)
    }
}

/// Everything a route can ask permission for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// School-level figures (headline progress, context).
    ViewSchoolFigures(SchoolId),
    /// Any pupil-level data of the school (the query is then filtered by pupil scope).
    ViewPupils(SchoolId),
    /// The plain-language summary of the school's progress for its governing body: its
    /// governors, head and senior leaders.
    ViewGovernorsSummary(SchoolId),
    /// One class's pupils and results.
    ViewClass {
        school: SchoolId,
        class: ClassId,
        subject: Option<SubjectId>,
    },
    /// Bring rosters and results into a school.
    ImportData(SchoolId),
    /// Run and read the school's leadership diagnostic (head or senior leader).
    LeadDiagnostic(SchoolId),
    /// Manage a round of the diagnostic and read its report: only the leader it rates,
    /// who must still lead in the school (a 360 is personal, even to the head).
    ManageDiagnosticRound { school: SchoolId, leader: PersonId },
    /// Answer an in-app diagnostic invitation: only the person invited.
    AnswerDiagnosticInvitation { invitee: PersonId },
    /// Open a school's 360 outbox: a head or data manager of the school. What it lists is
    /// filtered by [`Action::HandOutDiagnosticLinks`], round by round.
    ReadDiagnosticOutbox(SchoolId),
    /// Issue (or issue again) and read the single-use links of a round's invitees: a head
    /// or data manager of the school, never the leader the round rates, who could answer
    /// through them as anyone.
    HandOutDiagnosticLinks { school: SchoolId, leader: PersonId },
    /// The many-schools view of a cluster, trust or system.
    ViewOrganisation(OrgId),
    /// The schools of a cluster, trust, district or system side by side with their figures
    /// (value added, gaps, improvement groups, where support is most needed): a cluster lead
    /// or system leader whose role is held at that organisation. Not a school's own staff,
    /// not its governors, not an administrator (who runs the deployment, not the schools);
    /// each school's figures are still asked for one by one.
    CompareSchools(OrgId),
    /// Add people and change roles.
    ManageUsers,
    /// Bring in published tables that hold for the whole deployment (expectations by
    /// prior-attainment group): an administrator or a system leader.
    ImportPublishedTables,
    /// Read a school's improvement plan, as much of it as [`Principal::plan_reading`] gives.
    ViewPlan(SchoolId),
    /// Write the plan: priorities, measures, any action, milestones, the stopped list;
    /// agree and close it (head or senior leader).
    EditPlan(SchoolId),
    /// Change one action: a head or senior leader, or a middle leader who owns it.
    EditPlanAction { school: SchoolId, owner: PersonId },
    /// Record an action's progress at a review: a head or senior leader, or the action's
    /// owner (any staff role in the school).
    RecordPlanProgress { school: SchoolId, owner: PersonId },
    /// Sign a review off: the head.
    SignOffPlanReview(SchoolId),
    /// Open and close a school's surveys and hand out their ways in (staff links, class
    /// sheets, the parents' code): a head or senior leader.
    RunSurveys(SchoolId),
    /// Release a survey's results after reviewing them: the head.
    ReleaseSurveyResults(SchoolId),
    /// Read a released survey's results, as much as [`Principal::survey_reading`] gives.
    ViewSurveyResults(SchoolId),
    /// Answer the school's advice-network question: its staff (not governors).
    AnswerAdviceNetwork(SchoolId),
    /// Open and close the school's advice-network rounds and read their results, names
    /// included: the head and senior leaders, as the notice shown before anyone answers
    /// says. Never governors.
    LeadAdviceNetwork(SchoolId),
    /// One's own observations at a school: those about one, written by one, shared with
    /// one (any member of staff but a data manager).
    ViewOwnObservations(SchoolId),
    /// Write an observation of this kind: a learning walk is a leader's (head, senior or
    /// middle leader); the others any teacher or leader.
    RecordObservation {
        school: SchoolId,
        kind: ObservationKind,
    },
    /// Read one record: whoever [`observation::readers`] lists, while on the school's
    /// staff. Never a governor.
    ReadObservation(RecordFacts),
    /// Share a record with a coach, or stop sharing it: the teacher it is about.
    ShareObservation { school: SchoolId, teacher: PersonId },
    /// The school's observations counted by strand, no teacher named (head, senior and
    /// middle leaders, governors).
    ViewObservationSummary(SchoolId),
    /// Set whether the head and senior leaders read individual records: the head.
    SetObservationPolicy(SchoolId),
    /// Open a cluster's peer-review cycles and reviews, name their teams and record
    /// reviewers' training: the cluster's lead.
    RunReviews(OrgId),
    /// The list of a cluster's review cycles and its reviewers: its lead, and the leaders
    /// and governors of its schools (each review then listed only to who reads some of it).
    ViewReviews {
        cluster: OrgId,
        schools: Vec<SchoolId>,
    },
    /// Anything done to one peer review: read a section as [`review::readers`] lists, write
    /// one as [`review::writer`] says, move it on, release it, add a follow-up to the plan.
    /// Being on a review team gives nothing of the school beyond the review itself.
    Review(ReviewFacts, ReviewAct),
    /// Set whether the head reads names in the advice network: the head.
    SetAdviceNetworkNames(SchoolId),
    /// Read the names in a round of the advice network: the head alone, and only when the
    /// round was opened with names to the head (what its notice told staff) and the
    /// school's setting still says so. Everyone else who leads the network sees its
    /// structure without names.
    ReadAdviceNetworkNames {
        school: SchoolId,
        names_to_head: bool,
    },
    /// One's own coaching cycles at a school, and opening one with a colleague: any member
    /// of staff but a data manager.
    TakePartInCoaching(SchoolId),
    /// Read and write in one cycle: its coach and its coachee
    /// ([`crate::coaching::readers`]), while on the school's staff. Nobody else, whatever
    /// their role: not the head, never a governor.
    ReadCoachingCycle(CycleFacts),
    /// The school's cycles open and closed by goal, no one named: the head, senior and
    /// middle leaders. Not governors.
    ViewCoachingSummary(SchoolId),
    /// Keep one's own CPD log at a school: read it, add to it (any member of staff but a
    /// data manager). Nobody reads another person's log.
    KeepCpdLog(SchoolId),
    /// Change or remove one logged activity: only the person whose log it is.
    EditCpdActivity { school: SchoolId, owner: PersonId },
    /// The school's CPD hours by priority and by strand, each figure resting on k people,
    /// never one person's (head, senior and middle leaders; not governors).
    ViewCpdSummary(SchoolId),
    /// One department's observations counted by strand, no teacher named: the head and
    /// senior leaders, and the middle leader who leads that department.
    ViewDepartmentObservations {
        school: SchoolId,
        subject: SubjectId,
    },
    /// The school's inquiries, as much of each as [`Principal::inquiry_reading`] gives: its
    /// staff and governors (not a data manager).
    ViewInquiries(SchoolId),
    /// Start an inquiry group: a teacher or leader of the school, who joins it.
    StartInquiry(SchoolId),
    /// Read an inquiry, as much as [`Principal::inquiry_reading`] gives.
    ReadInquiry(InquiryFacts),
    /// Plan its lessons, link peer observations, write its notes and findings and share
    /// them: its members, while they teach or lead at the school.
    WorkOnInquiry(InquiryFacts),
    /// A cluster's heads' coaching and learning communities page: the heads of its schools
    /// and its lead (or a system leader over every school in it). Each pair and community
    /// is then listed only to who reads some of it.
    ViewHeadsLearning(ClusterFacts),
    /// Set up and end coaching pairs of heads, see Headway's pairing suggestions: the
    /// cluster's lead (or a system leader over every school in it).
    ArrangeHeadPairs(ClusterFacts),
    /// Start a heads' learning community: a head of one of the cluster's schools, or its
    /// lead.
    StartHeadsCommunity(ClusterFacts),
    /// That a pair exists and how many sessions it held: as [`heads::pair_reading`] gives.
    SeeHeadPair(PairFacts),
    /// A pair's goals, sessions, notes and outcomes, and writing them: its two heads only,
    /// while they head a school of the cluster ([`heads::PairReading::ThePair`]).
    ReadHeadPair(PairFacts),
    /// A community's question and findings, as [`heads::community_reading`] gives.
    ReadHeadsCommunity(CommunityFacts),
    /// Its meetings and notes, the whole inquiry, and writing them: its members.
    WorkInHeadsCommunity(CommunityFacts),
}

/// How much of a school's released survey results a person reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurveyReading {
    /// Every scale, its reliability, the breakdown and the comments (head, senior leader).
    Whole,
    /// The whole-school scales only (governor).
    WholeSchool,
}

/// The roles that make someone staff of a school for observation.
const OBSERVATION_STAFF: [Role; 5] = [
    Role::Head,
    Role::SeniorLeader,
    Role::MiddleLeader,
    Role::Teacher,
    Role::SupportStaff,
];

/// The roles that may join an inquiry group: those who teach or lead teaching.
const INQUIRY_MEMBERS: [Role; 4] = [
    Role::Head,
    Role::SeniorLeader,
    Role::MiddleLeader,
    Role::Teacher,
];

/// How much of a school's improvement plan a person reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanReading {
    /// Everything, every version (head, senior leader, middle leader, data manager).
    Whole,
    /// The priorities and the actions that involve them (teacher, support staff).
    Involved,
    /// The agreed plan, its measures and reviews, no member of staff named (governor).
    Governors,
    /// Priorities, states and counts, for the schools they oversee (cluster lead, system
    /// leader).
    Summary,
}

/// Why an action was refused, worded for the person refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    #[error("you have no role in this school")]
    NotInSchool,
    #[error("pupil-level data needs a staff role in this school; yours shows school figures only")]
    FiguresOnly,
    #[error("this class is not one you teach or lead")]
    NotYourClass,
    #[error("this needs the role of {0}")]
    NeedsRole(&'static str),
    #[error("you have no role for this organisation")]
    NotInOrganisation,
    #[error("a leadership 360 is seen only by the leader it describes")]
    NotYourRound,
    #[error("this survey invitation was sent to someone else")]
    NotYourInvitation,
    #[error(
        "the links of a leadership 360 are handed out by someone other than the leader it rates"
    )]
    OwnRoundsLinks,
    #[error("only the owner of this action, the head or a senior leader may change it")]
    NotYourAction,
    #[error(
        "an observation is read by the teacher observed, its observer, a coach the teacher shares it with, and leaders only where the school's policy allows"
    )]
    NotYourObservation,
    #[error(
        "a peer review is read by the reviewed school's head and senior leaders, its review team while the review is open, and — once the school releases them — its findings and follow-up by the cluster and the school's governors"
    )]
    NotYourReview,
    #[error(
        "names in the advice network are read by the head alone, and only when the school's setting gave them when the round opened"
    )]
    NamesNotShared,
    #[error("a coaching cycle is read by its coach and its coachee only")]
    NotYourCycle,
    #[error("a CPD log is read and changed only by the person whose log it is")]
    NotYourCpd,
    #[error("an inquiry's lessons, evidence and notes are its group's: you are not one of it")]
    NotInInquiryGroup,
    #[error(
        "a coaching pair of heads is read by its two heads only; the cluster's lead sees that it exists and how many sessions it held"
    )]
    NotYourPair,
    #[error(
        "a heads' learning community is read by its members; the cluster's lead reads its question and findings"
    )]
    NotInCommunity,
}

impl Principal {
    fn grants_in(&self, school: SchoolId) -> impl Iterator<Item = &Grant> {
        self.grants
            .iter()
            .filter(move |g| g.schools.contains(&school))
    }

    fn has_role_in(&self, school: SchoolId, roles: &[Role]) -> bool {
        self.grants_in(school).any(|g| roles.contains(&g.role))
    }

    pub fn is_administrator(&self) -> bool {
        self.grants.iter().any(|g| g.role == Role::Administrator)
    }

    /// The roles this person holds, for choosing their home page and navigation.
    pub fn roles(&self) -> Vec<Role> {
        let mut roles: Vec<Role> = Vec::new();
        for grant in &self.grants {
            if !roles.contains(&grant.role) {
                roles.push(grant.role);
            }
        }
        roles
    }

    /// Every school this person can see anything of, in a stable order.
    pub fn schools(&self) -> Vec<SchoolId> {
        let mut schools: Vec<SchoolId> = self
            .grants
            .iter()
            .flat_map(|g| g.schools.iter().copied())
            .collect();
        schools.sort_unstable();
        schools.dedup();
        schools
    }

    fn own_classes_in(&self, school: SchoolId) -> Vec<ClassId> {
        self.taught_classes
            .iter()
            .filter(|(s, _)| *s == school)
            .map(|(_, c)| *c)
            .collect()
    }

    /// The widest view this person's grants give of one school; `None` if they have none.
    pub fn school_view(&self, school: SchoolId) -> Option<SchoolView> {
        let grants: Vec<&Grant> = self.grants_in(school).collect();
        if grants.is_empty() {
            return None;
        }
        let has = |roles: &[Role]| grants.iter().any(|g| roles.contains(&g.role));
        if has(&[Role::Head, Role::SeniorLeader, Role::DataManager]) {
            return Some(SchoolView::Whole);
        }
        let departments: Vec<SubjectId> = grants
            .iter()
            .filter(|g| g.role == Role::MiddleLeader)
            .filter_map(|g| g.subject)
            .collect();
        if !departments.is_empty() {
            return Some(SchoolView::Departments(departments));
        }
        if has(&[Role::MiddleLeader, Role::Teacher, Role::SupportStaff]) {
            return Some(SchoolView::OwnClasses);
        }
        Some(SchoolView::FiguresOnly)
    }

    /// Which pupils of `school` this person's queries may return.
    pub fn pupil_scope(&self, school: SchoolId) -> PupilScope {
        match self.school_view(school) {
            Some(SchoolView::Whole) => PupilScope::All,
            Some(SchoolView::Departments(subjects)) => PupilScope::Subjects {
                subjects,
                classes: self.own_classes_in(school),
            },
            Some(SchoolView::OwnClasses) => PupilScope::Classes(self.own_classes_in(school)),
            Some(SchoolView::FiguresOnly) | None => PupilScope::None,
        }
    }

    /// How much of `school`'s plan this person reads; `None` if nothing.
    pub fn plan_reading(&self, school: SchoolId) -> Option<PlanReading> {
        use Role::*;
        if self.has_role_in(school, &[Head, SeniorLeader, MiddleLeader, DataManager]) {
            Some(PlanReading::Whole)
        } else if self.has_role_in(school, &[Teacher, SupportStaff]) {
            Some(PlanReading::Involved)
        } else if self.has_role_in(school, &[Governor]) {
            Some(PlanReading::Governors)
        } else if self.has_role_in(school, &[ClusterLead, SystemLeader]) {
            Some(PlanReading::Summary)
        } else {
            None
        }
    }

    /// How much of `school`'s released survey results this person reads; `None` if nothing.
    pub fn survey_reading(&self, school: SchoolId) -> Option<SurveyReading> {
        if self.has_role_in(school, &[Role::Head, Role::SeniorLeader]) {
            Some(SurveyReading::Whole)
        } else if self.has_role_in(school, &[Role::Governor]) {
            Some(SurveyReading::WholeSchool)
        } else {
            None
        }
    }

    /// The one authorization question: may this person do `action`?
    pub fn may(&self, action: &Action) -> Result<(), Denied> {
        match action {
            Action::ViewSchoolFigures(school) => match self.school_view(*school) {
                None => Err(Denied::NotInSchool),
                // A teacher sees their classes, not the school's headline figures.
                Some(SchoolView::OwnClasses) => Err(Denied::NeedsRole("a leader or governor")),
                Some(_) => Ok(()),
            },
            Action::ViewPupils(school) => match self.school_view(*school) {
                None => Err(Denied::NotInSchool),
                Some(SchoolView::FiguresOnly) => Err(Denied::FiguresOnly),
                Some(_) => Ok(()),
            },
            Action::ViewClass {
                school,
                class,
                subject,
            } => match self.pupil_scope(*school) {
                PupilScope::All => Ok(()),
                PupilScope::Subjects { subjects, classes } => {
                    let in_department = subject.is_some_and(|s| subjects.contains(&s));
                    if in_department || classes.contains(class) {
                        Ok(())
                    } else {
                        Err(Denied::NotYourClass)
                    }
                }
                PupilScope::Classes(classes) if classes.contains(class) => Ok(()),
                PupilScope::Classes(_) => Err(Denied::NotYourClass),
                PupilScope::None if self.school_view(*school).is_some() => Err(Denied::FiguresOnly),
                PupilScope::None => Err(Denied::NotInSchool),
            },
            Action::ViewGovernorsSummary(school) => self.holds_role_in(
                *school,
                &[Role::Governor, Role::Head, Role::SeniorLeader],
                "governor, head or senior leader",
            ),
            Action::ImportData(school) => {
                if self.has_role_in(*school, &[Role::Head, Role::DataManager]) {
                    Ok(())
                } else {
                    Err(Denied::NeedsRole("head or data manager"))
                }
            }
            Action::LeadDiagnostic(school) => {
                if self.has_role_in(*school, &[Role::Head, Role::SeniorLeader]) {
                    Ok(())
                } else {
                    Err(Denied::NeedsRole("head or senior leader"))
                }
            }
            Action::ManageDiagnosticRound { school, leader } => {
                self.may(&Action::LeadDiagnostic(*school))?;
                if self.person == *leader {
                    Ok(())
                } else {
                    Err(Denied::NotYourRound)
                }
            }
            Action::AnswerDiagnosticInvitation { invitee } => {
                if self.person == *invitee {
                    Ok(())
                } else {
                    Err(Denied::NotYourInvitation)
                }
            }
            Action::ReadDiagnosticOutbox(school) => {
                if self.has_role_in(*school, &[Role::Head, Role::DataManager]) {
                    Ok(())
                } else {
                    Err(Denied::NeedsRole("head or data manager"))
                }
            }
            Action::HandOutDiagnosticLinks { school, leader } => {
                self.may(&Action::ReadDiagnosticOutbox(*school))?;
                if self.person == *leader {
                    Err(Denied::OwnRoundsLinks)
                } else {
                    Ok(())
                }
            }
            Action::ViewOrganisation(org) => {
                let above_school = [Role::ClusterLead, Role::SystemLeader, Role::Administrator];
                if self
                    .grants
                    .iter()
                    .any(|g| g.org == *org && above_school.contains(&g.role))
                {
                    Ok(())
                } else {
                    Err(Denied::NotInOrganisation)
                }
            }
            Action::CompareSchools(org) => {
                let leaders = [Role::ClusterLead, Role::SystemLeader];
                if self
                    .grants
                    .iter()
                    .any(|g| g.org == *org && leaders.contains(&g.role))
                {
                    Ok(())
                } else if self.grants.iter().any(|g| g.org == *org) {
                    Err(Denied::NeedsRole("cluster lead or system leader"))
                } else {
                    Err(Denied::NotInOrganisation)
                }
            }
            Action::ManageUsers => {
                if self.is_administrator() {
                    Ok(())
                } else {
                    Err(Denied::NeedsRole("administrator"))
                }
            }
            Action::ImportPublishedTables => {
                let roles = [Role::SystemLeader, Role::Administrator];
                if self.grants.iter().any(|g| roles.contains(&g.role)) {
                    Ok(())
                } else {
                    Err(Denied::NeedsRole("administrator or system leader"))
                }
            }
            Action::ViewPlan(school) => match self.plan_reading(*school) {
                Some(_) => Ok(()),
                None => Err(Denied::NotInSchool),
            },
            Action::EditPlan(school) => {
                if self.has_role_in(*school, &[Role::Head, Role::SeniorLeader]) {
                    Ok(())
                } else if self.plan_reading(*school).is_none() {
                    Err(Denied::NotInSchool)
                } else {
                    Err(Denied::NeedsRole("head or senior leader"))
                }
            }
            Action::EditPlanAction { school, owner } => {
                if self.may(&Action::EditPlan(*school)).is_ok()
                    || (self.person == *owner && self.has_role_in(*school, &[Role::MiddleLeader]))
                {
                    Ok(())
                } else if self.plan_reading(*school).is_none() {
                    Err(Denied::NotInSchool)
                } else {
                    Err(Denied::NotYourAction)
                }
            }
            Action::AnswerAdviceNetwork(school) => {
                let staff = self
                    .grants_in(*school)
                    .any(|g| crate::network::is_staff_role(g.role));
                if staff {
                    Ok(())
                } else if self.school_view(*school).is_none() {
                    Err(Denied::NotInSchool)
                } else {
                    Err(Denied::NeedsRole("a member of staff of this school"))
                }
            }
            Action::LeadAdviceNetwork(school) => self.holds_role_in(
                *school,
                &[Role::Head, Role::SeniorLeader],
                "head or senior leader",
            ),
            Action::RecordPlanProgress { school, owner } => {
                let staff = [
                    Role::MiddleLeader,
                    Role::Teacher,
                    Role::SupportStaff,
                    Role::DataManager,
                ];
                if self.may(&Action::EditPlan(*school)).is_ok()
                    || (self.person == *owner && self.has_role_in(*school, &staff))
                {
                    Ok(())
                } else if self.plan_reading(*school).is_none() {
                    Err(Denied::NotInSchool)
                } else {
                    Err(Denied::NotYourAction)
                }
            }
            Action::SignOffPlanReview(school) => {
                if self.has_role_in(*school, &[Role::Head]) {
                    Ok(())
                } else if self.plan_reading(*school).is_none() {
                    Err(Denied::NotInSchool)
                } else {
                    Err(Denied::NeedsRole("head"))
                }
            }
            Action::RunSurveys(school) => self.holds_role_in(
                *school,
                &[Role::Head, Role::SeniorLeader],
                "head or senior leader",
            ),
            Action::ReleaseSurveyResults(school) => {
                self.holds_role_in(*school, &[Role::Head], "head")
            }
            Action::ViewSurveyResults(school) => {
                if self.survey_reading(*school).is_some() {
                    Ok(())
                } else if self.school_view(*school).is_none() {
                    Err(Denied::NotInSchool)
                } else {
                    Err(Denied::NeedsRole("head, senior leader or governor"))
                }
            }
            Action::ViewOwnObservations(school) => {
                self.holds_role_in(*school, &OBSERVATION_STAFF, "a member of staff")
            }
            Action::RecordObservation { school, kind } => match kind {
                ObservationKind::LearningWalk => self.holds_role_in(
                    *school,
                    &[Role::Head, Role::SeniorLeader, Role::MiddleLeader],
                    "head, senior or middle leader",
                ),
                _ => self.holds_role_in(
                    *school,
                    &[
                        Role::Head,
                        Role::SeniorLeader,
                        Role::MiddleLeader,
                        Role::Teacher,
                    ],
                    "a teacher or leader",
                ),
            },
            Action::ReadObservation(facts) => {
                self.holds_role_in(facts.school, &OBSERVATION_STAFF, "a member of staff")?;
                let leader = self.has_role_in(facts.school, &[Role::Head, Role::SeniorLeader]);
                let reads = observation::readers(facts)
                    .into_iter()
                    .any(|reader| match reader {
                        Reader::TheTeacher => self.person == facts.teacher,
                        Reader::TheObserver(p) | Reader::TheCoach(p) => self.person == p,
                        Reader::HeadAndSeniorLeaders => leader,
                    });
                if reads {
                    Ok(())
                } else {
                    Err(Denied::NotYourObservation)
                }
            }
            Action::ShareObservation { school, teacher } => {
                self.holds_role_in(*school, &OBSERVATION_STAFF, "a member of staff")?;
                if self.person == *teacher {
                    Ok(())
                } else {
                    Err(Denied::NotYourObservation)
                }
            }
            Action::ViewObservationSummary(school) => self.holds_role_in(
                *school,
                &[
                    Role::Head,
                    Role::SeniorLeader,
                    Role::MiddleLeader,
                    Role::Governor,
                ],
                "a leader or governor",
            ),
            Action::SetObservationPolicy(school) => {
                self.holds_role_in(*school, &[Role::Head], "head")
            }
            Action::RunReviews(cluster) => {
                if self.leads_cluster(*cluster) {
                    Ok(())
                } else {
                    Err(Denied::NeedsRole("cluster lead"))
                }
            }
            Action::ViewReviews { cluster, schools } => {
                let roles = [
                    Role::Head,
                    Role::SeniorLeader,
                    Role::MiddleLeader,
                    Role::Governor,
                ];
                if self.leads_cluster(*cluster)
                    || schools.iter().any(|s| self.has_role_in(*s, &roles))
                {
                    Ok(())
                } else {
                    Err(Denied::NotInOrganisation)
                }
            }
            Action::Review(facts, act) => self.may_review(facts, *act),
            Action::SetAdviceNetworkNames(school) => {
                self.holds_role_in(*school, &[Role::Head], "head")
            }
            Action::ReadAdviceNetworkNames {
                school,
                names_to_head,
            } => {
                self.holds_role_in(*school, &[Role::Head], "head")?;
                if *names_to_head {
                    Ok(())
                } else {
                    Err(Denied::NamesNotShared)
                }
            }
            Action::TakePartInCoaching(school) => {
                self.holds_role_in(*school, &OBSERVATION_STAFF, "a member of staff")
            }
            Action::ReadCoachingCycle(facts) => {
                self.holds_role_in(facts.school, &OBSERVATION_STAFF, "a member of staff")?;
                let reads =
                    crate::coaching::readers(facts)
                        .into_iter()
                        .any(|reader| match reader {
                            crate::coaching::Reader::TheCoachee => self.person == facts.coachee,
                            crate::coaching::Reader::TheCoach(p) => self.person == p,
                        });
                if reads {
                    Ok(())
                } else {
                    Err(Denied::NotYourCycle)
                }
            }
            Action::ViewCoachingSummary(school) => self.holds_role_in(
                *school,
                &[Role::Head, Role::SeniorLeader, Role::MiddleLeader],
                "head, senior or middle leader",
            ),
            Action::KeepCpdLog(school) => {
                self.holds_role_in(*school, &OBSERVATION_STAFF, "a member of staff")
            }
            Action::EditCpdActivity { school, owner } => {
                self.holds_role_in(*school, &OBSERVATION_STAFF, "a member of staff")?;
                if self.person == *owner {
                    Ok(())
                } else {
                    Err(Denied::NotYourCpd)
                }
            }
            Action::ViewCpdSummary(school) => self.holds_role_in(
                *school,
                &[Role::Head, Role::SeniorLeader, Role::MiddleLeader],
                "head, senior or middle leader",
            ),
            Action::ViewDepartmentObservations { school, subject } => {
                let leads_it = self
                    .grants_in(*school)
                    .any(|g| g.role == Role::MiddleLeader && g.subject == Some(*subject));
                if leads_it {
                    Ok(())
                } else {
                    self.holds_role_in(
                        *school,
                        &[Role::Head, Role::SeniorLeader],
                        "head, senior leader or the department's middle leader",
                    )
                }
            }
            Action::ViewInquiries(school) => match self.inquiry_standing(*school) {
                InquiryStanding::Outside => {
                    self.holds_role_in(*school, &[], "a member of staff or a governor")
                }
                _ => Ok(()),
            },
            Action::StartInquiry(school) => {
                self.holds_role_in(*school, &INQUIRY_MEMBERS, "a teacher or leader")
            }
            Action::ReadInquiry(facts) => match self.inquiry_reading(facts) {
                Some(_) => Ok(()),
                None => {
                    self.may(&Action::ViewInquiries(facts.school))?;
                    Err(Denied::NotInInquiryGroup)
                }
            },
            Action::WorkOnInquiry(facts) => match self.inquiry_reading(facts) {
                Some(InquiryReading::Member) => Ok(()),
                _ => {
                    self.may(&Action::ViewInquiries(facts.school))?;
                    Err(Denied::NotInInquiryGroup)
                }
            },
            Action::ViewHeadsLearning(_)
            | Action::ArrangeHeadPairs(_)
            | Action::StartHeadsCommunity(_)
            | Action::SeeHeadPair(_)
            | Action::ReadHeadPair(_)
            | Action::ReadHeadsCommunity(_)
            | Action::WorkInHeadsCommunity(_) => self.may_heads(action),
        }
    }

    /// Who this person is to a cluster's heads' coaching and communities.
    pub fn heads_standing(&self, cluster: &ClusterFacts) -> HeadsStanding {
        let heads_a_cluster_school = cluster
            .schools
            .iter()
            .any(|s| self.has_role_in(*s, &[Role::Head]));
        let above = !cluster.schools.is_empty()
            && self.grants.iter().any(|g| {
                g.role == Role::SystemLeader
                    && cluster.schools.iter().all(|s| g.schools.contains(s))
            });
        HeadsStanding {
            heads_a_cluster_school,
            leads_the_cluster: self.leads_cluster(cluster.cluster) || above,
        }
    }

    /// How much of a heads' coaching pair this person reads; `None` for nothing.
    pub fn head_pair_reading(&self, facts: &PairFacts) -> Option<PairReading> {
        heads::pair_reading(facts, self.person, self.heads_standing(&facts.cluster))
    }

    /// How much of a heads' learning community this person reads; `None` for nothing.
    pub fn heads_community_reading(&self, facts: &CommunityFacts) -> Option<CommunityReading> {
        heads::community_reading(facts, self.person, self.heads_standing(&facts.cluster))
    }

    fn may_heads(&self, action: &Action) -> Result<(), Denied> {
        match action {
            Action::ViewHeadsLearning(cluster) | Action::StartHeadsCommunity(cluster) => {
                let standing = self.heads_standing(cluster);
                if standing.heads_a_cluster_school || standing.leads_the_cluster {
                    Ok(())
                } else {
                    Err(Denied::NotInOrganisation)
                }
            }
            Action::ArrangeHeadPairs(cluster) => {
                let standing = self.heads_standing(cluster);
                if standing.leads_the_cluster {
                    Ok(())
                } else if standing.heads_a_cluster_school {
                    Err(Denied::NeedsRole("cluster lead"))
                } else {
                    Err(Denied::NotInOrganisation)
                }
            }
            Action::SeeHeadPair(facts) => match self.head_pair_reading(facts) {
                Some(_) => Ok(()),
                None => Err(Denied::NotYourPair),
            },
            Action::ReadHeadPair(facts) => match self.head_pair_reading(facts) {
                Some(PairReading::ThePair) => Ok(()),
                _ => Err(Denied::NotYourPair),
            },
            Action::ReadHeadsCommunity(facts) => match self.heads_community_reading(facts) {
                Some(_) => Ok(()),
                None => Err(Denied::NotInCommunity),
            },
            Action::WorkInHeadsCommunity(facts) => match self.heads_community_reading(facts) {
                Some(CommunityReading::Member) => Ok(()),
                _ => Err(Denied::NotInCommunity),
            },
            _ => Err(Denied::NotInOrganisation),
        }
    }

    fn leads_cluster(&self, cluster: OrgId) -> bool {
        self.grants
            .iter()
            .any(|g| g.org == cluster && g.role == Role::ClusterLead)
    }

    /// Whether this person is one of `reader` for the review described by `facts`.
    fn is_review_reader(&self, facts: &ReviewFacts, reader: review::Reader) -> bool {
        use review::Reader as R;
        match reader {
            R::SchoolLeaders => self.has_role_in(facts.school, &[Role::Head, Role::SeniorLeader]),
            R::Team => facts.stage.is_open() && facts.team.contains(&self.person),
            R::Governors => self.has_role_in(facts.school, &[Role::Governor]),
            R::ClusterLead => self.leads_cluster(facts.cluster),
            R::ClusterHeads => facts
                .cluster_schools
                .iter()
                .any(|s| self.has_role_in(*s, &[Role::Head])),
        }
    }

    fn may_review(&self, facts: &ReviewFacts, act: ReviewAct) -> Result<(), Denied> {
        use review::{Section, Writer};
        let reads = |section| {
            review::readers(section, facts)
                .into_iter()
                .any(|r| self.is_review_reader(facts, r))
        };
        let head = self.has_role_in(facts.school, &[Role::Head]);
        let team = facts.stage.is_open() && facts.team.contains(&self.person);
        let allowed = match act {
            ReviewAct::Read(section) => reads(section),
            ReviewAct::Write(section) => match review::writer(section) {
                Writer::TheHead => head,
                Writer::SchoolLeaders => {
                    self.is_review_reader(facts, review::Reader::SchoolLeaders)
                }
                Writer::Team => team,
            },
            ReviewAct::Advance => head || (team && review::team_advances(facts.stage)),
            ReviewAct::Release | ReviewAct::AddToPlan => head,
        };
        if allowed {
            Ok(())
        } else if Section::ALL.into_iter().any(reads) {
            Err(Denied::NeedsRole(match act {
                ReviewAct::Write(section) => match review::writer(section) {
                    Writer::TheHead => "head of the reviewed school",
                    Writer::SchoolLeaders => "head or senior leader of the reviewed school",
                    Writer::Team => "member of the review team",
                },
                ReviewAct::Advance => "head of the reviewed school or its review team",
                _ => "head of the reviewed school",
            }))
        } else {
            Err(Denied::NotYourReview)
        }
    }

    /// Who this person is to a school, for inquiries (see `inquiry::Standing`).
    pub fn inquiry_standing(&self, school: SchoolId) -> InquiryStanding {
        if self.has_role_in(school, &INQUIRY_MEMBERS) {
            InquiryStanding::Teaching
        } else if self.has_role_in(school, &[Role::SupportStaff]) {
            InquiryStanding::OtherStaff
        } else if self.has_role_in(school, &[Role::Governor]) {
            InquiryStanding::Governor
        } else {
            InquiryStanding::Outside
        }
    }

    /// How much of an inquiry this person reads (`inquiry::reading`); `None` for nothing.
    pub fn inquiry_reading(&self, facts: &InquiryFacts) -> Option<InquiryReading> {
        inquiry::reading(facts, self.person, self.inquiry_standing(facts.school))
    }

    /// Whether this person holds one of `roles` at `school`, refused as "not in school" or
    /// as needing `needs`.
    fn holds_role_in(
        &self,
        school: SchoolId,
        roles: &[Role],
        needs: &'static str,
    ) -> Result<(), Denied> {
        if self.has_role_in(school, roles) {
            Ok(())
        } else if self.school_view(school).is_none() {
            Err(Denied::NotInSchool)
        } else {
            Err(Denied::NeedsRole(needs))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHOOL: SchoolId = SchoolId(10);
    const OTHER_SCHOOL: SchoolId = SchoolId(11);
    const CLUSTER: OrgId = OrgId(2);
    const MATHS: SubjectId = SubjectId(1);
    const ENGLISH: SubjectId = SubjectId(2);
    const MY_CLASS: ClassId = ClassId(100);
    const THEIR_CLASS: ClassId = ClassId(101);

    fn person(role: Role, subject: Option<SubjectId>) -> Principal {
        let (org, schools) = if role.is_school_role() {
            (OrgId(SCHOOL.0), vec![SCHOOL])
        } else {
            (CLUSTER, vec![SCHOOL, OTHER_SCHOOL])
        };
        Principal {
            person: PersonId(1),
            name: "Test".into(),
            grants: vec![Grant {
                role,
                org,
                subject,
                schools,
            }],
            taught_classes: vec![(SCHOOL, MY_CLASS)],
        }
    }

    fn class(class: ClassId, subject: SubjectId) -> Action {
        Action::ViewClass {
            school: SCHOOL,
            class,
            subject: Some(subject),
        }
    }

    #[test]
    fn the_advice_network_is_answered_by_staff_and_read_by_the_head_and_senior_leaders_only() {
        use Role::*;
        for role in [
            Head,
            SeniorLeader,
            MiddleLeader,
            Teacher,
            SupportStaff,
            DataManager,
        ] {
            assert!(
                person(role, None)
                    .may(&Action::AnswerAdviceNetwork(SCHOOL))
                    .is_ok(),
                "{role}"
            );
        }
        for role in [Governor, ClusterLead, SystemLeader, Administrator] {
            assert!(
                person(role, None)
                    .may(&Action::AnswerAdviceNetwork(SCHOOL))
                    .is_err(),
                "{role}"
            );
        }
        for role in Role::ALL {
            let reads = person(role, None)
                .may(&Action::LeadAdviceNetwork(SCHOOL))
                .is_ok();
            assert_eq!(reads, matches!(role, Head | SeniorLeader), "{role}");
        }
        assert_eq!(
            person(Head, None).may(&Action::LeadAdviceNetwork(OTHER_SCHOOL)),
            Err(Denied::NotInSchool)
        );
        assert_eq!(
            person(Head, None).may(&Action::AnswerAdviceNetwork(OTHER_SCHOOL)),
            Err(Denied::NotInSchool)
        );
    }

    #[test]
    fn only_the_head_reads_names_in_the_advice_network_and_only_when_the_setting_says_so() {
        use Role::*;
        let names = |names_to_head| Action::ReadAdviceNetworkNames {
            school: SCHOOL,
            names_to_head,
        };
        for role in Role::ALL {
            let head = role == Head;
            assert_eq!(person(role, None).may(&names(true)).is_ok(), head, "{role}");
            assert!(person(role, None).may(&names(false)).is_err(), "{role}");
            assert_eq!(
                person(role, None)
                    .may(&Action::SetAdviceNetworkNames(SCHOOL))
                    .is_ok(),
                head,
                "{role}"
            );
        }
        assert_eq!(
            person(Head, None).may(&names(false)),
            Err(Denied::NamesNotShared)
        );
        assert_eq!(
            person(Head, None).may(&Action::ReadAdviceNetworkNames {
                school: OTHER_SCHOOL,
                names_to_head: true
            }),
            Err(Denied::NotInSchool)
        );
        assert!(
            person(Head, None)
                .may(&Action::SetAdviceNetworkNames(OTHER_SCHOOL))
                .is_err()
        );
    }

    #[test]
    fn the_governors_summary_is_for_governors_and_senior_leadership_of_the_school() {
        use Role::*;
        let summary = Action::ViewGovernorsSummary(SCHOOL);
        for role in [Governor, Head, SeniorLeader] {
            assert_eq!(person(role, None).may(&summary), Ok(()), "{role:?}");
            assert_eq!(
                person(role, None).may(&Action::ViewGovernorsSummary(OTHER_SCHOOL)),
                Err(Denied::NotInSchool),
                "{role:?} of another school"
            );
        }
        for role in [
            Teacher,
            SupportStaff,
            DataManager,
            ClusterLead,
            SystemLeader,
        ] {
            assert!(person(role, None).may(&summary).is_err(), "{role:?}");
        }
        assert!(person(MiddleLeader, Some(MATHS)).may(&summary).is_err());
    }

    /// The access matrix: for each role, each action, allowed or not.
    #[test]
    fn each_role_reaches_what_it_may_and_nothing_else() {
        use Role::*;
        let actions = [
            ("school figures", Action::ViewSchoolFigures(SCHOOL)),
            ("pupils", Action::ViewPupils(SCHOOL)),
            ("own class", class(MY_CLASS, ENGLISH)),
            ("maths class", class(THEIR_CLASS, MATHS)),
            ("english class", class(THEIR_CLASS, ENGLISH)),
            ("import", Action::ImportData(SCHOOL)),
            ("diagnostic", Action::LeadDiagnostic(SCHOOL)),
            (
                "own round",
                Action::ManageDiagnosticRound {
                    school: SCHOOL,
                    leader: PersonId(1),
                },
            ),
            (
                "other's round",
                Action::ManageDiagnosticRound {
                    school: SCHOOL,
                    leader: PersonId(2),
                },
            ),
            (
                "own invitation",
                Action::AnswerDiagnosticInvitation {
                    invitee: PersonId(1),
                },
            ),
            ("cluster", Action::ViewOrganisation(CLUSTER)),
            ("users", Action::ManageUsers),
            ("other school", Action::ViewSchoolFigures(OTHER_SCHOOL)),
            ("tables", Action::ImportPublishedTables),
        ];
        #[rustfmt::skip]
        let expected: [(Role, Option<SubjectId>, [bool; 14]); 10] = [
            //                         figs   pupils own    maths  eng    import diag   own-r  oth-r  own-i  clus   users  other  tables
            (Head,          None,        [true, true,  true,  true,  true,  true,  true,  true,  false, true,  false, false, false, false]),
            (SeniorLeader,  None,        [true, true,  true,  true,  true,  false, true,  true,  false, true,  false, false, false, false]),
            (MiddleLeader,  Some(MATHS), [true, true,  true,  true,  false, false, false, false, false, true,  false, false, false, false]),
            (Teacher,       None,        [false, true, true,  false, false, false, false, false, false, true,  false, false, false, false]),
            (SupportStaff,  None,        [false, true, true,  false, false, false, false, false, false, true,  false, false, false, false]),
            (Governor,      None,        [true, false, false, false, false, false, false, false, false, true,  false, false, false, false]),
            (DataManager,   None,        [true, true,  true,  true,  true,  true,  false, false, false, true,  false, false, false, false]),
            (ClusterLead,   None,        [true, false, false, false, false, false, false, false, false, true,  true,  false, true, false]),
            (SystemLeader,  None,        [true, false, false, false, false, false, false, false, false, true,  true,  false, true, true]),
            (Administrator, None,        [true, false, false, false, false, false, false, false, false, true,  true,  true,  true, true]),
        ];
        for (role, subject, allowed) in expected {
            let who = person(role, subject);
            for ((name, action), allow) in actions.iter().zip(allowed) {
                assert_eq!(who.may(action).is_ok(), allow, "{role} / {name}");
            }
        }
    }

    #[test]
    fn the_plan_is_edited_by_senior_leadership_and_read_as_each_role_may() {
        use Role::*;
        let me = PersonId(1);
        let someone = PersonId(2);
        #[rustfmt::skip]
        let expected: [(Role, Option<PlanReading>, bool, bool, bool, bool); 10] = [
            // role          reading                        edit   own-act other-act sign-off
            (Head,          Some(PlanReading::Whole),     true,  true,  true,  true),
            (SeniorLeader,  Some(PlanReading::Whole),     true,  true,  true,  false),
            (MiddleLeader,  Some(PlanReading::Whole),     false, true,  false, false),
            (Teacher,       Some(PlanReading::Involved),  false, false, false, false),
            (SupportStaff,  Some(PlanReading::Involved),  false, false, false, false),
            (Governor,      Some(PlanReading::Governors), false, false, false, false),
            (DataManager,   Some(PlanReading::Whole),     false, false, false, false),
            (ClusterLead,   Some(PlanReading::Summary),   false, false, false, false),
            (SystemLeader,  Some(PlanReading::Summary),   false, false, false, false),
            (Administrator, None,                         false, false, false, false),
        ];
        for (role, reading, edit, own, other, sign) in expected {
            let who = person(role, None);
            assert_eq!(who.plan_reading(SCHOOL), reading, "{role}");
            assert_eq!(
                who.may(&Action::ViewPlan(SCHOOL)).is_ok(),
                reading.is_some(),
                "{role}"
            );
            assert_eq!(who.may(&Action::EditPlan(SCHOOL)).is_ok(), edit, "{role}");
            let own_action = Action::EditPlanAction {
                school: SCHOOL,
                owner: me,
            };
            assert_eq!(who.may(&own_action).is_ok(), own, "{role} own action");
            let other_action = Action::EditPlanAction {
                school: SCHOOL,
                owner: someone,
            };
            assert_eq!(
                who.may(&other_action).is_ok(),
                other,
                "{role} other's action"
            );
            assert_eq!(
                who.may(&Action::SignOffPlanReview(SCHOOL)).is_ok(),
                sign,
                "{role}"
            );
        }
        // Owners record their own action's progress, whatever their staff role.
        let teacher = person(Teacher, None);
        assert!(
            teacher
                .may(&Action::RecordPlanProgress {
                    school: SCHOOL,
                    owner: me
                })
                .is_ok()
        );
        assert!(
            teacher
                .may(&Action::RecordPlanProgress {
                    school: SCHOOL,
                    owner: someone
                })
                .is_err()
        );
        assert!(
            person(Governor, None)
                .may(&Action::RecordPlanProgress {
                    school: SCHOOL,
                    owner: me
                })
                .is_err()
        );
        // Nothing of another school's plan.
        let head = person(Head, None);
        assert_eq!(head.plan_reading(OTHER_SCHOOL), None);
        assert_eq!(
            head.may(&Action::EditPlan(OTHER_SCHOOL)),
            Err(Denied::NotInSchool)
        );
    }

    #[test]
    fn schools_side_by_side_are_for_the_leaders_of_that_organisation_only() {
        use Role::*;
        let compare = Action::CompareSchools(CLUSTER);
        for role in [ClusterLead, SystemLeader] {
            assert_eq!(person(role, None).may(&compare), Ok(()), "{role}");
            assert_eq!(
                person(role, None).may(&Action::CompareSchools(OrgId(99))),
                Err(Denied::NotInOrganisation),
                "{role} of another organisation"
            );
        }
        assert_eq!(
            person(Administrator, None).may(&compare),
            Err(Denied::NeedsRole("cluster lead or system leader"))
        );
        for role in [
            Head,
            SeniorLeader,
            MiddleLeader,
            Teacher,
            SupportStaff,
            Governor,
            DataManager,
        ] {
            assert_eq!(
                person(role, None).may(&compare),
                Err(Denied::NotInOrganisation),
                "{role}"
            );
            // Their own school is not an organisation above schools either.
            assert!(
                person(role, None)
                    .may(&Action::CompareSchools(OrgId(SCHOOL.0)))
                    .is_err(),
                "{role}"
            );
        }
    }

    #[test]
    fn pupil_scope_matches_the_view() {
        assert_eq!(
            person(Role::Head, None).pupil_scope(SCHOOL),
            PupilScope::All
        );
        assert_eq!(
            person(Role::Teacher, None).pupil_scope(SCHOOL),
            PupilScope::Classes(vec![MY_CLASS])
        );
        assert_eq!(
            person(Role::MiddleLeader, Some(MATHS)).pupil_scope(SCHOOL),
            PupilScope::Subjects {
                subjects: vec![MATHS],
                classes: vec![MY_CLASS]
            }
        );
        assert_eq!(
            person(Role::Governor, None).pupil_scope(SCHOOL),
            PupilScope::None
        );
        assert_eq!(
            person(Role::ClusterLead, None).pupil_scope(SCHOOL),
            PupilScope::None
        );
        assert_eq!(
            person(Role::Head, None).pupil_scope(OTHER_SCHOOL),
            PupilScope::None
        );
    }

    #[test]
    fn the_widest_grant_in_a_school_wins() {
        let mut who = person(Role::Teacher, None);
        who.grants.push(Grant {
            role: Role::SeniorLeader,
            org: OrgId(SCHOOL.0),
            subject: None,
            schools: vec![SCHOOL],
        });
        assert_eq!(who.school_view(SCHOOL), Some(SchoolView::Whole));
    }

    #[test]
    fn a_360_is_seen_only_by_the_leader_it_rates() {
        let head = person(Role::Head, None);
        let someone_elses = Action::ManageDiagnosticRound {
            school: SCHOOL,
            leader: PersonId(2),
        };
        assert_eq!(head.may(&someone_elses), Err(Denied::NotYourRound));
        let elsewhere = Action::ManageDiagnosticRound {
            school: OTHER_SCHOOL,
            leader: PersonId(1),
        };
        assert!(head.may(&elsewhere).is_err(), "not a leader in that school");
        let teacher = person(Role::Teacher, None);
        let own = Action::ManageDiagnosticRound {
            school: SCHOOL,
            leader: PersonId(1),
        };
        assert!(matches!(teacher.may(&own), Err(Denied::NeedsRole(_))));
    }

    #[test]
    fn an_observation_is_read_by_the_people_its_page_lists_and_never_by_a_governor() {
        use crate::observation::{Kind, RecordPolicy};
        let me = PersonId(1);
        let facts = |kind, teacher, observer, coach, policy| RecordFacts {
            school: SCHOOL,
            kind,
            teacher,
            observer,
            coach,
            policy,
        };
        let private = RecordPolicy::Private;
        let open = RecordPolicy::LeadersReadObservations;
        let read = |who: &Principal, f| who.may(&Action::ReadObservation(f)).is_ok();
        let teacher = person(Role::Teacher, None);
        let head = person(Role::Head, None);
        let senior = person(Role::SeniorLeader, None);
        let middle = person(Role::MiddleLeader, Some(MATHS));
        let governor = person(Role::Governor, None);
        let about_me = facts(Kind::Developmental, me, PersonId(2), None, private);
        let about_other = facts(Kind::Developmental, PersonId(3), PersonId(2), None, private);
        let by_me = facts(Kind::Peer, PersonId(3), me, None, private);
        let shared = facts(Kind::Peer, PersonId(3), PersonId(2), Some(me), private);
        assert!(read(&teacher, about_me));
        assert!(read(&teacher, by_me));
        assert!(read(&teacher, shared));
        assert_eq!(
            teacher.may(&Action::ReadObservation(about_other)),
            Err(Denied::NotYourObservation)
        );
        // Leaders read another's record only where the policy opens it.
        assert!(!read(&head, about_other));
        let opened = facts(Kind::Developmental, PersonId(3), PersonId(2), None, open);
        assert!(read(&head, opened));
        assert!(read(&senior, opened));
        assert!(!read(&middle, opened));
        assert!(!read(&teacher, opened));
        for kind in [Kind::LearningWalk, Kind::SelfReflection] {
            assert!(!read(
                &head,
                facts(kind, PersonId(3), PersonId(3), None, open)
            ));
        }
        // A governor reads no record, even one they are named in.
        for f in [about_me, by_me, shared, opened] {
            assert!(!read(&governor, f));
        }
        // Nor does anyone outside the school.
        let elsewhere = RecordFacts {
            school: OTHER_SCHOOL,
            ..about_me
        };
        assert_eq!(
            teacher.may(&Action::ReadObservation(elsewhere)),
            Err(Denied::NotInSchool)
        );
        // Only the teacher shares their record.
        let share = |teacher_id| Action::ShareObservation {
            school: SCHOOL,
            teacher: teacher_id,
        };
        assert!(teacher.may(&share(me)).is_ok());
        assert!(head.may(&share(PersonId(3))).is_err());
    }

    #[test]
    fn learning_walks_are_leaders_and_the_summary_is_for_leaders_and_governors() {
        use crate::observation::Kind;
        use Role::*;
        let walk = Action::RecordObservation {
            school: SCHOOL,
            kind: Kind::LearningWalk,
        };
        let peer = Action::RecordObservation {
            school: SCHOOL,
            kind: Kind::Peer,
        };
        #[rustfmt::skip]
        let expected = [
            // role        own    walk   peer   summary policy
            (Head,         true,  true,  true,  true,  true),
            (SeniorLeader, true,  true,  true,  true,  false),
            (MiddleLeader, true,  true,  true,  true,  false),
            (Teacher,      true,  false, true,  false, false),
            (SupportStaff, true,  false, false, false, false),
            (Governor,     false, false, false, true,  false),
            (DataManager,  false, false, false, false, false),
            (ClusterLead,  false, false, false, false, false),
            (Administrator,false, false, false, false, false),
        ];
        for (role, own, w, p, summary, policy) in expected {
            let who = person(role, None);
            assert_eq!(
                who.may(&Action::ViewOwnObservations(SCHOOL)).is_ok(),
                own,
                "{role}"
            );
            assert_eq!(who.may(&walk).is_ok(), w, "{role}");
            assert_eq!(who.may(&peer).is_ok(), p, "{role}");
            assert_eq!(
                who.may(&Action::ViewObservationSummary(SCHOOL)).is_ok(),
                summary,
                "{role}"
            );
            assert_eq!(
                who.may(&Action::SetObservationPolicy(SCHOOL)).is_ok(),
                policy,
                "{role}"
            );
            assert!(
                who.may(&Action::ViewObservationSummary(OTHER_SCHOOL))
                    .is_err(),
                "{role}"
            );
        }
    }

    #[test]
    fn a_cpd_log_is_its_owners_and_the_summary_is_for_leaders_not_governors() {
        use Role::*;
        for role in Role::ALL {
            let p = person(role, None);
            let staff = matches!(
                role,
                Head | SeniorLeader | MiddleLeader | Teacher | SupportStaff
            );
            assert_eq!(p.may(&Action::KeepCpdLog(SCHOOL)).is_ok(), staff, "{role}");
            let own = Action::EditCpdActivity {
                school: SCHOOL,
                owner: p.person,
            };
            assert_eq!(p.may(&own).is_ok(), staff, "{role}");
            let colleagues = Action::EditCpdActivity {
                school: SCHOOL,
                owner: PersonId(99),
            };
            assert!(p.may(&colleagues).is_err(), "{role} edits another's log");
            let summary = p.may(&Action::ViewCpdSummary(SCHOOL)).is_ok();
            assert_eq!(
                summary,
                matches!(role, Head | SeniorLeader | MiddleLeader),
                "{role}"
            );
        }
        assert_eq!(
            person(Head, None).may(&Action::ViewCpdSummary(OTHER_SCHOOL)),
            Err(Denied::NotInSchool)
        );
        assert_eq!(
            person(Head, None).may(&Action::EditCpdActivity {
                school: SCHOOL,
                owner: PersonId(99)
            }),
            Err(Denied::NotYourCpd)
        );
    }

    #[test]
    fn refusals_say_what_is_missing() {
        let governor = person(Role::Governor, None);
        let err = governor.may(&Action::ViewPupils(SCHOOL)).unwrap_err();
        assert_eq!(err, Denied::FiguresOnly);
        assert!(err.to_string().contains("school figures only"));
    }

    #[test]
    fn a_rated_leader_never_hands_out_their_own_rounds_links() {
        let own_round = Action::HandOutDiagnosticLinks {
            school: SCHOOL,
            leader: PersonId(1),
        };
        let others_round = Action::HandOutDiagnosticLinks {
            school: SCHOOL,
            leader: PersonId(2),
        };
        // The head who is rated may open the outbox, but not for their own round.
        let head = person(Role::Head, None);
        assert_eq!(head.may(&Action::ReadDiagnosticOutbox(SCHOOL)), Ok(()));
        assert_eq!(head.may(&own_round), Err(Denied::OwnRoundsLinks));
        assert_eq!(head.may(&others_round), Ok(()));
        // A data manager who is also the rated leader is refused just the same.
        let data = person(Role::DataManager, None);
        assert_eq!(data.may(&own_round), Err(Denied::OwnRoundsLinks));
        assert_eq!(data.may(&others_round), Ok(()));
        // Nobody else at the school, and nobody from another school.
        for role in [
            Role::SeniorLeader,
            Role::MiddleLeader,
            Role::Teacher,
            Role::SupportStaff,
            Role::Governor,
            Role::ClusterLead,
            Role::SystemLeader,
            Role::Administrator,
        ] {
            let who = person(role, None);
            assert!(who.may(&others_round).is_err(), "{role}");
            assert!(
                who.may(&Action::ReadDiagnosticOutbox(SCHOOL)).is_err(),
                "{role}"
            );
        }
        let elsewhere = Action::HandOutDiagnosticLinks {
            school: OTHER_SCHOOL,
            leader: PersonId(2),
        };
        assert!(head.may(&elsewhere).is_err());
        assert!(data.may(&elsewhere).is_err());
    }

    #[test]
    fn surveys_are_run_by_leaders_released_by_the_head_and_read_by_leaders_and_governors() {
        use Role::*;
        for (role, run, release, reading) in [
            (Head, true, true, Some(SurveyReading::Whole)),
            (SeniorLeader, true, false, Some(SurveyReading::Whole)),
            (MiddleLeader, false, false, None),
            (Teacher, false, false, None),
            (SupportStaff, false, false, None),
            (DataManager, false, false, None),
            (Governor, false, false, Some(SurveyReading::WholeSchool)),
        ] {
            let who = person(role, None);
            assert_eq!(
                who.may(&Action::RunSurveys(SCHOOL)).is_ok(),
                run,
                "{role:?}"
            );
            assert_eq!(
                who.may(&Action::ReleaseSurveyResults(SCHOOL)).is_ok(),
                release,
                "{role:?}"
            );
            assert_eq!(who.survey_reading(SCHOOL), reading, "{role:?}");
            assert_eq!(
                who.may(&Action::ViewSurveyResults(SCHOOL)).is_ok(),
                reading.is_some(),
                "{role:?}"
            );
            // Nothing of another school's surveys.
            assert_eq!(
                who.may(&Action::RunSurveys(OTHER_SCHOOL)),
                Err(Denied::NotInSchool)
            );
            assert_eq!(
                who.may(&Action::ViewSurveyResults(OTHER_SCHOOL)),
                Err(Denied::NotInSchool)
            );
            assert_eq!(who.survey_reading(OTHER_SCHOOL), None);
        }
    }

    fn at(person: i64, grants: &[(Role, OrgId, &[SchoolId])]) -> Principal {
        Principal {
            person: PersonId(person),
            name: "Test".into(),
            grants: grants
                .iter()
                .map(|(role, org, schools)| Grant {
                    role: *role,
                    org: *org,
                    subject: None,
                    schools: schools.to_vec(),
                })
                .collect(),
            taught_classes: vec![],
        }
    }

    #[test]
    fn a_peer_review_is_read_by_the_school_its_open_team_and_after_release_the_cluster() {
        use crate::review::{Act, Section, Stage};
        use Role::*;
        const THIRD: SchoolId = SchoolId(12);
        const OUTSIDE: SchoolId = SchoolId(40);
        let cluster_schools = [SCHOOL, OTHER_SCHOOL, THIRD];
        let facts = |stage, released| ReviewFacts {
            school: SCHOOL,
            cluster: CLUSTER,
            cluster_schools: cluster_schools.to_vec(),
            team: vec![PersonId(20)],
            stage,
            released,
        };
        let head = at(1, &[(Head, OrgId(SCHOOL.0), &[SCHOOL])]);
        let senior = at(2, &[(SeniorLeader, OrgId(SCHOOL.0), &[SCHOOL])]);
        let teacher = at(3, &[(Teacher, OrgId(SCHOOL.0), &[SCHOOL])]);
        let governor = at(4, &[(Governor, OrgId(SCHOOL.0), &[SCHOOL])]);
        let reviewer = at(20, &[(Head, OrgId(OTHER_SCHOOL.0), &[OTHER_SCHOOL])]);
        let other_head = at(21, &[(Head, OrgId(THIRD.0), &[THIRD])]);
        let lead = at(22, &[(ClusterLead, CLUSTER, &cluster_schools)]);
        let outsider = at(23, &[(Head, OrgId(OUTSIDE.0), &[OUTSIDE])]);
        let read = |who: &Principal, section, stage, released| {
            who.may(&Action::Review(facts(stage, released), Act::Read(section)))
                .is_ok()
        };
        // The school's leaders read everything, at any stage.
        for section in Section::ALL {
            for stage in [Stage::Visit, Stage::Closed] {
                assert!(read(&head, section, stage, false));
                assert!(read(&senior, section, stage, false));
                assert!(!read(&teacher, section, stage, true), "{section:?}");
                assert!(!read(&outsider, section, stage, true), "{section:?}");
            }
        }
        // The team: the shared data, enquiries, evidence and findings while open; never
        // the self-review; after closing, only what is released, as any cluster head.
        assert!(read(&reviewer, Section::SharedData, Stage::Visit, false));
        assert!(read(&reviewer, Section::Findings, Stage::Findings, false));
        assert!(!read(&reviewer, Section::SelfReview, Stage::Visit, false));
        assert!(!read(&reviewer, Section::Workshop, Stage::Workshop, false));
        assert!(!read(&reviewer, Section::SharedData, Stage::Closed, true));
        assert!(!read(&reviewer, Section::Findings, Stage::Closed, false));
        assert!(read(&reviewer, Section::Findings, Stage::Closed, true));
        // The cluster lead, other heads and governors: released findings and follow-up.
        for who in [&lead, &other_head, &governor] {
            assert!(!read(who, Section::Findings, Stage::Workshop, false));
            assert!(read(who, Section::Findings, Stage::Workshop, true));
            assert!(read(who, Section::FollowUp, Stage::Workshop, true));
            assert!(!read(who, Section::SharedData, Stage::Workshop, true));
            assert!(!read(who, Section::SelfReview, Stage::Workshop, true));
        }
        assert_eq!(
            other_head.may(&Action::Review(
                facts(Stage::Visit, false),
                Act::Read(Section::Findings)
            )),
            Err(Denied::NotYourReview)
        );
        // Writing: the head the self-review and sharing, the team the visit and findings.
        let may = |who: &Principal, act| who.may(&Action::Review(facts(Stage::Visit, false), act));
        assert!(may(&head, Act::Write(Section::SelfReview)).is_ok());
        assert!(may(&senior, Act::Write(Section::SelfReview)).is_err());
        assert!(may(&senior, Act::Write(Section::Workshop)).is_ok());
        assert!(may(&reviewer, Act::Write(Section::Evidence)).is_ok());
        assert_eq!(
            may(&reviewer, Act::Write(Section::SelfReview)),
            Err(Denied::NeedsRole("head of the reviewed school"))
        );
        assert!(may(&head, Act::Write(Section::Findings)).is_err());
        assert!(may(&head, Act::Release).is_ok());
        assert!(may(&reviewer, Act::Release).is_err());
        assert!(may(&lead, Act::Release).is_err());
        assert!(may(&reviewer, Act::Advance).is_ok());
        assert!(
            reviewer
                .may(&Action::Review(facts(Stage::Workshop, false), Act::Advance))
                .is_err()
        );
        // Being a reviewer opens nothing of the school itself.
        assert_eq!(
            reviewer.may(&Action::ViewSchoolFigures(SCHOOL)),
            Err(Denied::NotInSchool)
        );
        // The cluster's pages.
        let list = Action::ViewReviews {
            cluster: CLUSTER,
            schools: cluster_schools.to_vec(),
        };
        for who in [&lead, &head, &governor, &other_head] {
            assert!(who.may(&list).is_ok());
        }
        assert!(teacher.may(&list).is_err());
        assert!(outsider.may(&list).is_err());
        assert!(lead.may(&Action::RunReviews(CLUSTER)).is_ok());
        assert!(head.may(&Action::RunReviews(CLUSTER)).is_err());
        assert!(lead.may(&Action::RunReviews(OrgId(99))).is_err());
    }

    #[test]
    fn a_coaching_cycle_is_read_by_its_coach_and_coachee_only_and_counted_for_leaders() {
        use crate::coaching::CycleFacts;
        use Role::*;
        let me = PersonId(1);
        let mine = CycleFacts {
            school: SCHOOL,
            coach: PersonId(2),
            coachee: me,
        };
        let coaching = CycleFacts {
            school: SCHOOL,
            coach: me,
            coachee: PersonId(3),
        };
        let others = CycleFacts {
            school: SCHOOL,
            coach: PersonId(2),
            coachee: PersonId(3),
        };
        #[rustfmt::skip]
        let expected = [
            // role        take part  summary
            (Head,         true,      true),
            (SeniorLeader, true,      true),
            (MiddleLeader, true,      true),
            (Teacher,      true,      false),
            (SupportStaff, true,      false),
            (Governor,     false,     false),
            (DataManager,  false,     false),
            (ClusterLead,  false,     false),
            (Administrator,false,     false),
        ];
        for (role, part, summary) in expected {
            let who = person(role, None);
            assert_eq!(
                who.may(&Action::TakePartInCoaching(SCHOOL)).is_ok(),
                part,
                "{role}"
            );
            assert_eq!(
                who.may(&Action::ViewCoachingSummary(SCHOOL)).is_ok(),
                summary,
                "{role}"
            );
            // Their own cycle, as coachee or coach, for staff only (never a governor).
            for facts in [mine, coaching] {
                assert_eq!(
                    who.may(&Action::ReadCoachingCycle(facts)).is_ok(),
                    part,
                    "{role}"
                );
            }
            // A colleague's cycle: nobody, not even the head.
            assert!(
                who.may(&Action::ReadCoachingCycle(others)).is_err(),
                "{role}"
            );
            // Nothing at another school.
            let elsewhere = CycleFacts {
                school: OTHER_SCHOOL,
                ..mine
            };
            assert!(
                who.may(&Action::ReadCoachingCycle(elsewhere)).is_err(),
                "{role}"
            );
            assert!(
                who.may(&Action::ViewCoachingSummary(OTHER_SCHOOL)).is_err(),
                "{role}"
            );
        }
        assert_eq!(
            person(Head, None).may(&Action::ReadCoachingCycle(others)),
            Err(Denied::NotYourCycle)
        );
    }

    #[test]
    fn inquiries_are_worked_on_by_their_group_read_by_staff_and_shared_findings_by_governors() {
        use Role::*;
        let me = PersonId(1);
        let facts = |members: Vec<PersonId>, shared| InquiryFacts {
            school: SCHOOL,
            members,
            findings_shared: shared,
        };
        let mine = facts(vec![me, PersonId(2), PersonId(3)], false);
        let theirs = facts(vec![PersonId(2), PersonId(3), PersonId(4)], false);
        let shared = facts(vec![PersonId(2), PersonId(3), PersonId(4)], true);
        #[rustfmt::skip]
        let expected = [
            // role         list   start  mine (work)              theirs                  shared, to a non-member
            (Head,          true,  true,  Some(InquiryReading::Member), Some(InquiryReading::Staff), Some(InquiryReading::Staff)),
            (SeniorLeader,  true,  true,  Some(InquiryReading::Member), Some(InquiryReading::Staff), Some(InquiryReading::Staff)),
            (MiddleLeader,  true,  true,  Some(InquiryReading::Member), Some(InquiryReading::Staff), Some(InquiryReading::Staff)),
            (Teacher,       true,  true,  Some(InquiryReading::Member), Some(InquiryReading::Staff), Some(InquiryReading::Staff)),
            (SupportStaff,  true,  false, Some(InquiryReading::Staff),  Some(InquiryReading::Staff), Some(InquiryReading::Staff)),
            (Governor,      true,  false, None,                         None,                        Some(InquiryReading::SharedFindings)),
            (DataManager,   false, false, None,                         None,                        None),
            (ClusterLead,   false, false, None,                         None,                        None),
            (Administrator, false, false, None,                         None,                        None),
        ];
        for (role, list, start, on_mine, on_theirs, on_shared) in expected {
            let who = person(role, None);
            assert_eq!(
                who.may(&Action::ViewInquiries(SCHOOL)).is_ok(),
                list,
                "{role}"
            );
            assert_eq!(
                who.may(&Action::StartInquiry(SCHOOL)).is_ok(),
                start,
                "{role}"
            );
            assert_eq!(who.inquiry_reading(&mine), on_mine, "{role}");
            assert_eq!(who.inquiry_reading(&theirs), on_theirs, "{role}");
            assert_eq!(who.inquiry_reading(&shared), on_shared, "{role}");
            assert_eq!(
                who.may(&Action::WorkOnInquiry(mine.clone())).is_ok(),
                on_mine == Some(InquiryReading::Member),
                "{role}"
            );
            assert!(
                who.may(&Action::WorkOnInquiry(theirs.clone())).is_err(),
                "{role}"
            );
            assert_eq!(
                who.may(&Action::ReadInquiry(theirs.clone())).is_ok(),
                on_theirs.is_some(),
                "{role}"
            );
        }
        // Nothing of another school's inquiries, even with the same people.
        let elsewhere = InquiryFacts {
            school: OTHER_SCHOOL,
            ..mine.clone()
        };
        let teacher = person(Teacher, None);
        assert_eq!(teacher.inquiry_reading(&elsewhere), None);
        assert_eq!(
            teacher.may(&Action::WorkOnInquiry(elsewhere)),
            Err(Denied::NotInSchool)
        );
        assert_eq!(
            teacher.may(&Action::WorkOnInquiry(theirs)),
            Err(Denied::NotInInquiryGroup)
        );
    }

    #[test]
    fn a_departments_observations_are_for_its_middle_leader_and_senior_leadership() {
        let department = |subject| Action::ViewDepartmentObservations {
            school: SCHOOL,
            subject,
        };
        let maths_lead = person(Role::MiddleLeader, Some(MATHS));
        assert!(maths_lead.may(&department(MATHS)).is_ok());
        assert!(matches!(
            maths_lead.may(&department(ENGLISH)),
            Err(Denied::NeedsRole(_))
        ));
        assert!(
            person(Role::MiddleLeader, None)
                .may(&department(MATHS))
                .is_err()
        );
        for role in [Role::Head, Role::SeniorLeader] {
            assert!(
                person(role, None).may(&department(ENGLISH)).is_ok(),
                "{role}"
            );
        }
        for role in [
            Role::Teacher,
            Role::Governor,
            Role::DataManager,
            Role::ClusterLead,
        ] {
            assert!(
                person(role, Some(MATHS)).may(&department(MATHS)).is_err(),
                "{role}"
            );
        }
        assert_eq!(
            maths_lead.may(&Action::ViewDepartmentObservations {
                school: OTHER_SCHOOL,
                subject: MATHS
            }),
            Err(Denied::NotInSchool)
        );
    }

    #[test]
    fn heads_coaching_is_for_the_clusters_heads_and_its_lead_and_notes_for_the_pair_only() {
        let holding = |person: i64, role: Role, org: OrgId, schools: Vec<SchoolId>| Principal {
            person: PersonId(person),
            name: "p".into(),
            grants: vec![Grant {
                role,
                org,
                subject: None,
                schools,
            }],
            taught_classes: vec![],
        };
        let cluster = ClusterFacts {
            cluster: CLUSTER,
            schools: vec![SCHOOL, OTHER_SCHOOL],
        };
        let pair = PairFacts {
            cluster: cluster.clone(),
            coach: PersonId(1),
            coachee: PersonId(2),
        };
        let coach = holding(1, Role::Head, OrgId(SCHOOL.0), vec![SCHOOL]);
        let coachee = holding(2, Role::Head, OrgId(OTHER_SCHOOL.0), vec![OTHER_SCHOOL]);
        let other_head = holding(3, Role::Head, OrgId(SCHOOL.0), vec![SCHOOL]);
        let lead = holding(4, Role::ClusterLead, CLUSTER, vec![SCHOOL, OTHER_SCHOOL]);
        let above = holding(
            5,
            Role::SystemLeader,
            OrgId(1),
            vec![SCHOOL, OTHER_SCHOOL, SchoolId(12)],
        );
        let partly_above = holding(6, Role::SystemLeader, OrgId(1), vec![SCHOOL]);
        let governor = holding(7, Role::Governor, OrgId(SCHOOL.0), vec![SCHOOL]);
        let teacher = holding(8, Role::Teacher, OrgId(OTHER_SCHOOL.0), vec![OTHER_SCHOOL]);
        let other_lead = holding(9, Role::ClusterLead, OrgId(3), vec![SchoolId(12)]);

        for p in [&coach, &coachee] {
            assert!(p.may(&Action::ReadHeadPair(pair.clone())).is_ok());
        }
        for p in [&lead, &above] {
            assert!(p.may(&Action::SeeHeadPair(pair.clone())).is_ok());
            assert_eq!(
                p.may(&Action::ReadHeadPair(pair.clone())),
                Err(Denied::NotYourPair)
            );
            assert!(p.may(&Action::ArrangeHeadPairs(cluster.clone())).is_ok());
        }
        for p in [&other_head, &partly_above, &governor, &teacher, &other_lead] {
            assert_eq!(
                p.may(&Action::SeeHeadPair(pair.clone())),
                Err(Denied::NotYourPair)
            );
            assert!(p.may(&Action::ArrangeHeadPairs(cluster.clone())).is_err());
        }
        assert!(
            other_head
                .may(&Action::ViewHeadsLearning(cluster.clone()))
                .is_ok()
        );
        for p in [&governor, &teacher, &other_lead, &partly_above] {
            assert_eq!(
                p.may(&Action::ViewHeadsLearning(cluster.clone())),
                Err(Denied::NotInOrganisation)
            );
        }
        let community = CommunityFacts {
            cluster,
            members: vec![PersonId(1), PersonId(3)],
        };
        assert!(
            other_head
                .may(&Action::WorkInHeadsCommunity(community.clone()))
                .is_ok()
        );
        assert!(
            lead.may(&Action::ReadHeadsCommunity(community.clone()))
                .is_ok()
        );
        assert!(
            lead.may(&Action::WorkInHeadsCommunity(community.clone()))
                .is_err()
        );
        assert!(coachee.may(&Action::ReadHeadsCommunity(community)).is_err());
    }
}
