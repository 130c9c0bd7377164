//! The home page: what each person comes for, from their roles. A head or governor sees
//! their school's headline figures, a teacher their classes, a cluster or system leader
//! their schools.

use crate::AppState;
use crate::context::{Page, SignedIn};
use crate::error::AppResult;
use crate::pages::schools::{OrgPanel, SchoolPanel};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use headway_domain::access::Action;
use headway_domain::ids::SchoolId;
use headway_domain::roles::Role;
use headway_store::roster::ClassSummary;

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
pub struct HomeTemplate {
    page: Page,
    schools: Vec<SchoolPanel>,
    classes: Vec<ClassSummary>,
    orgs: Vec<OrgPanel>,
    /// Whether to link to the published expectations page.
    can_import_tables: bool,
    /// A new deployment: no school has been imported yet.
    no_schools: bool,
    /// No one can administer this deployment yet.
    no_administrator: bool,
}

const SCHOOL_HOME_ROLES: [Role; 5] = [
    Role::Head,
    Role::SeniorLeader,
    Role::MiddleLeader,
    Role::Governor,
    Role::DataManager,
];

pub async fn show(State(app): State<AppState>, signed_in: SignedIn) -> AppResult<HomeTemplate> {
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
    let mut schools = Vec::with_capacity(school_ids.len());
    for school in school_ids {
        if let Some(panel) =
            SchoolPanel::load(&app.store, principal, school, app.settings.fsm_cuts).await?
        {
            schools.push(panel);
        }
    }
    let classes = app
        .store
        .roster()
        .classes_taught_by(principal.person)
        .await?;
    let mut orgs = Vec::new();
    for org in app.store.roster().orgs_led_by(principal.person).await? {
        let id = headway_domain::ids::OrgId(org.id);
        if principal.may(&Action::ViewOrganisation(id)).is_ok() {
            orgs.push(OrgPanel::load(&app.store, org, app.settings.fsm_cuts).await?);
        }
    }
    let can_import_tables = principal.may(&Action::ImportPublishedTables).is_ok();
    let (school_count, administrators) = app.store.roster().deployment_status().await?;
    Ok(HomeTemplate {
        no_schools: school_count == 0,
        no_administrator: administrators == 0,
        page: signed_in.page,
        schools,
        classes,
        orgs,
        can_import_tables,
    })
}
