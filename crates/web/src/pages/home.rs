//! The home page: what each person comes for, from their roles. A head or governor sees
//! their school's headline figures, a teacher their classes, a cluster or system leader
//! their schools.

use crate::AppState;
use crate::context::{Page, SignedIn};
use crate::error::AppResult;
use crate::pages::overview::{OverviewView, overview_view};
use crate::pages::schools::{OrgPanel, SchoolPanel};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use headway_domain::access::Action;
use headway_domain::access::PupilScope;
use headway_domain::ids::{OrgId, SchoolId};
use headway_domain::roles::Role;
use headway_store::roster::ClassSummary;

use crate::pages::progress::{BehindLine, behind_line};

/// A subject's pupils falling behind, counted, with its classes.
pub struct SubjectCount {
    pub subject_id: i64,
    pub subject: String,
    pub behind: usize,
    /// "Mathematics: 5 pupils of 120", in the reader's language.
    pub text: String,
    /// (class id, name, pupils behind)
    pub classes: Vec<(i64, String, usize)>,
}

/// Pupils falling behind at one school, as the home page shows them: counts per subject and
/// class for a leader, the pupils themselves for a teacher's own classes.
pub struct BehindPanel {
    pub school_id: i64,
    pub school_name: String,
    pub year_id: i64,
    pub year: String,
    pub counts: Vec<SubjectCount>,
    /// A teacher's own pupils falling behind, with their subject.
    pub own: Vec<(String, BehindLine)>,
    pub lists_own: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
pub struct HomeTemplate {
    page: Page,
    schools: Vec<SchoolPanel>,
    /// Each school's year at a glance: (school name, overview, whether the governors'
    /// summary is open to this person).
    overviews: Vec<(String, OverviewView, bool)>,
    classes: Vec<ClassSummary>,
    orgs: Vec<OrgPanel>,
    /// Whether to link to the published expectations page.
    can_import_tables: bool,
    /// A new deployment: no school has been imported yet.
    no_schools: bool,
    /// No one can administer this deployment yet.
    no_administrator: bool,
    behind: Vec<BehindPanel>,
    /// Schools whose improvement plan this person reads for the actions that involve them
    /// (teachers and support staff; leaders reach it from the school's panel): (id, name).
    plans: Vec<(i64, String)>,
    /// Schools whose advice-network question this person answers (their staff): (id, name).
    advice: Vec<(i64, String)>,
    /// Schools where this person has observation records or sees the counts by strand:
    /// (id, name, link).
    observations: Vec<(i64, String, String)>,
    /// Clusters whose peer reviews this person may open, above their own school (a
    /// cluster lead reaches them from the cluster's panel): (id, name).
    reviews: Vec<(i64, String)>,
    /// Clusters whose heads' coaching and learning communities this person reaches, above
    /// their own school (a cluster lead reaches them from the cluster's panel): (id, name).
    heads: Vec<(i64, String)>,
    /// Schools where this person takes part in coaching.
    coaching: Vec<(i64, String)>,
    /// Schools where this person keeps a CPD log: (id, name).
    cpd: Vec<(i64, String)>,
    /// Schools whose inquiry groups this person reads (staff and governors): (id, name).
    inquiries: Vec<(i64, String)>,
}

const SCHOOL_HOME_ROLES: [Role; 5] = [
    Role::Head,
    Role::SeniorLeader,
    Role::MiddleLeader,
    Role::Governor,
    Role::DataManager,
];

/// The home page; a cluster or system leader whose only home is one organisation they may
/// compare opens straight on its schools side by side.
pub async fn show(State(app): State<AppState>, signed_in: SignedIn) -> AppResult<Response> {
    let home = home(&app, signed_in).await?;
    let only_org = home.schools.is_empty()
        && home.classes.is_empty()
        && home.plans.is_empty()
        && home.advice.is_empty()
        && home.observations.is_empty()
        && home.reviews.is_empty()
        && home.heads.is_empty()
        && home.coaching.is_empty()
        && home.cpd.is_empty()
        && home.inquiries.is_empty()
        && !home.can_import_tables
        && home.orgs.len() == 1;
    match home.orgs.first() {
        Some(panel) if only_org && panel.can_compare => {
            Ok(Redirect::to(&format!("/orgs/{}/schools", panel.org.id)).into_response())
        }
        _ => Ok(home.into_response()),
    }
}

async fn home(app: &AppState, signed_in: SignedIn) -> AppResult<HomeTemplate> {
    let app = app.clone();
    let principal = &signed_in.principal;
    let mut school_ids: Vec<SchoolId> = principal
        .grants
        .iter()
        .filter(|g| SCHOOL_HOME_ROLES.contains(&g.role))
        .flat_map(|g| g.schools.iter().copied())
        .filter(|s| principal.may(&Action::ViewSchoolFigures(*s)).is_ok())
        .collect();
    school_ids.sort_unstable();
    school_ids.dedup();
    let names = crate::pages::subject_names(&app, &signed_in.page.t).await?;
    let mut schools = Vec::with_capacity(school_ids.len());
    let mut overviews = Vec::new();
    for school in school_ids {
        if let Some(mut panel) =
            SchoolPanel::load(&app.store, principal, school, app.settings.fsm_cuts).await?
        {
            panel.name_subjects(&names);
            let found = crate::pages::overview::overviews(&app)
                .overview(principal, school, None)
                .await?;
            if let Some(figures) = found.figures.as_deref() {
                let mut view = overview_view(&signed_in.page.t, &names, school.0, figures);
                crate::pages::overview::offer_priorities(
                    &signed_in.page.t,
                    &names,
                    principal,
                    &mut view,
                );
                overviews.push((
                    panel.school.name.clone(),
                    view,
                    principal.may(&Action::ViewGovernorsSummary(school)).is_ok(),
                ));
            }
            schools.push(panel);
        }
    }
    let mut classes = app
        .store
        .roster()
        .classes_taught_by(principal.person)
        .await?;
    for class in &mut classes {
        class.subject = class.subject.as_deref().map(|s| names.of_name(s));
    }
    let mut orgs = Vec::new();
    for org in app.store.roster().orgs_led_by(principal.person).await? {
        let id = headway_domain::ids::OrgId(org.id);
        if principal.may(&Action::ViewOrganisation(id)).is_ok() {
            orgs.push(OrgPanel::load(&app.store, principal, org, app.settings.fsm_cuts).await?);
        }
    }
    let behind = behind_panels(&app, principal, signed_in.page.t).await?;
    let mut plans = Vec::new();
    for school in principal.schools() {
        if principal.plan_reading(school) == Some(headway_domain::access::PlanReading::Involved)
            && let Some(summary) = app.store.roster().school(school).await?
        {
            plans.push((summary.id, summary.name));
        }
    }
    let mut advice = Vec::new();
    for school in principal.schools() {
        if principal.may(&Action::AnswerAdviceNetwork(school)).is_ok()
            && let Some(summary) = app.store.roster().school(school).await?
        {
            advice.push((summary.id, summary.name));
        }
    }
    let mut observations = Vec::new();
    for school in principal.schools() {
        let link = if principal.may(&Action::ViewOwnObservations(school)).is_ok() {
            format!("/schools/{}/observations", school.0)
        } else if principal
            .may(&Action::ViewObservationSummary(school))
            .is_ok()
        {
            format!("/schools/{}/observations/summary", school.0)
        } else {
            continue;
        };
        if let Some(summary) = app.store.roster().school(school).await? {
            observations.push((summary.id, summary.name, link));
        }
    }
    let reviews = review_clusters(&app, principal, &orgs).await?;
    let heads = heads_clusters(&app, principal, &orgs).await?;
    let mut coaching = Vec::new();
    for school in principal.schools() {
        if principal.may(&Action::TakePartInCoaching(school)).is_ok()
            && let Some(summary) = app.store.roster().school(school).await?
        {
            coaching.push((summary.id, summary.name));
        }
    }
    let mut cpd = Vec::new();
    for school in principal.schools() {
        if principal.may(&Action::KeepCpdLog(school)).is_ok()
            && let Some(summary) = app.store.roster().school(school).await?
        {
            cpd.push((summary.id, summary.name));
        }
    }
    let mut inquiries = Vec::new();
    for school in principal.schools() {
        if principal.may(&Action::ViewInquiries(school)).is_ok()
            && let Some(summary) = app.store.roster().school(school).await?
        {
            inquiries.push((summary.id, summary.name));
        }
    }
    let can_import_tables = principal.may(&Action::ImportPublishedTables).is_ok();
    let (school_count, administrators) = app.store.roster().deployment_status().await?;
    Ok(HomeTemplate {
        no_schools: school_count == 0,
        no_administrator: administrators == 0,
        page: signed_in.page,
        schools,
        overviews,
        classes,
        orgs,
        can_import_tables,
        plans,
        advice,
        observations,
        reviews,
        heads,
        coaching,
        cpd,
        inquiries,
        behind,
    })
}

/// The clusters directly above the person's schools that the person may reach for one
/// capability (`may`, given the cluster and its schools), leaving out those already shown
/// as a panel: (cluster id, name).
async fn clusters_above(
    app: &AppState,
    principal: &headway_domain::access::Principal,
    panels: &[OrgPanel],
    may: impl Fn(OrgId, Vec<SchoolId>) -> bool,
) -> AppResult<Vec<(i64, String)>> {
    let mut found: Vec<(i64, String)> = Vec::new();
    for school in principal.schools() {
        let Some(parent) = app
            .store
            .roster()
            .org(OrgId(school.0))
            .await?
            .and_then(|o| o.parent_id)
        else {
            continue;
        };
        if found.iter().any(|(id, _)| *id == parent) || panels.iter().any(|p| p.org.id == parent) {
            continue;
        }
        let Some(cluster) = app
            .store
            .roster()
            .org(OrgId(parent))
            .await?
            .filter(|o| o.kind == "cluster")
        else {
            continue;
        };
        let schools = app
            .store
            .roster()
            .schools_under(OrgId(parent))
            .await?
            .into_iter()
            .map(|s| SchoolId(s.id))
            .collect();
        if may(OrgId(parent), schools) {
            found.push((cluster.id, cluster.name));
        }
    }
    Ok(found)
}

/// The clusters above the person's schools whose peer reviews they may open.
async fn review_clusters(
    app: &AppState,
    principal: &headway_domain::access::Principal,
    panels: &[OrgPanel],
) -> AppResult<Vec<(i64, String)>> {
    clusters_above(app, principal, panels, |cluster, schools| {
        principal
            .may(&Action::ViewReviews { cluster, schools })
            .is_ok()
    })
    .await
}

/// The clusters above the person's schools whose heads' coaching and learning communities
/// they reach (a head of one of its schools).
async fn heads_clusters(
    app: &AppState,
    principal: &headway_domain::access::Principal,
    panels: &[OrgPanel],
) -> AppResult<Vec<(i64, String)>> {
    clusters_above(app, principal, panels, |cluster, schools| {
        let facts = headway_domain::heads::ClusterFacts { cluster, schools };
        principal.may(&Action::ViewHeadsLearning(facts)).is_ok()
    })
    .await
}

/// Falling behind at every school where the person may list pupils.
async fn behind_panels(
    app: &AppState,
    principal: &headway_domain::access::Principal,
    t: crate::i18n::Tr,
) -> AppResult<Vec<BehindPanel>> {
    let mut schools: Vec<SchoolId> = principal
        .grants
        .iter()
        .flat_map(|g| g.schools.iter().copied())
        .filter(|s| principal.may(&Action::ViewPupils(*s)).is_ok())
        .collect();
    schools.sort_unstable();
    schools.dedup();
    let reports = crate::pages::progress::reports(app);
    let mut panels = Vec::new();
    for school in schools {
        let overview = reports.behind_overview(principal, school).await?;
        let Some(year) = overview.year else {
            continue;
        };
        if overview.subjects.is_empty() {
            continue;
        }
        let summary = crate::pages::school_summary(app, school).await?;
        let lists_own = matches!(principal.pupil_scope(school), PupilScope::Classes(_));
        let mut own: Vec<(String, BehindLine)> = overview
            .subjects
            .iter()
            .flat_map(|s| {
                s.pupils
                    .iter()
                    .map(|p| (s.subject.name.clone(), behind_line(p)))
            })
            .collect();
        if !lists_own {
            own.clear();
        }
        panels.push(BehindPanel {
            school_id: school.0,
            school_name: summary.name,
            year_id: year.id,
            year: year.name,
            counts: overview
                .subjects
                .into_iter()
                .map(|s| SubjectCount {
                    subject_id: s.subject.id,
                    text: t.with(
                        "behind-home-subject",
                        &[
                            ("subject", s.subject.name.clone().into()),
                            ("n", s.pupils.len().into()),
                            ("assessed", s.assessed.into()),
                        ],
                    ),
                    subject: s.subject.name,
                    behind: s.pupils.len(),
                    classes: s.by_class,
                })
                .collect(),
            own,
            lists_own,
        });
    }
    Ok(panels)
}
