//! A school's page (headline figures and context), an organisation's page (its schools),
//! and a class's page (its pupils) — each behind the access policy.

use crate::AppState;
use crate::context::{Page, SignedIn};
use crate::error::{AppError, AppResult};
use crate::format;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use headway_domain::access::{Action, Principal};
use headway_domain::ids::{ClassId, OrgId, SchoolId, SubjectId};
use headway_domain::school::FsmBandCuts;
use headway_store::roster::{ClassPupil, OrgSummary, SchoolSummary, SubjectHeadline};
use headway_store::{Store, StoreError};

/// Groups smaller than this show no figure (ANALYTICS.md §2.7, the default threshold).
pub const REPORTING_THRESHOLD: i64 = 6;

/// A school's headline figures and context, ready to show.
pub struct SchoolPanel {
    pub school: SchoolSummary,
    pub fsm_percent: String,
    pub fsm_band: u8,
    pub head_years_in_post: Option<i64>,
    pub subjects: Vec<SubjectRow>,
    /// Whether the viewer may bring data into this school (a link to the import page).
    pub can_import: bool,
    /// Whether the viewer may read the school's improvement plan (a link to it).
    pub can_plan: bool,
}

pub struct SubjectRow {
    pub subject: String,
    pub year: String,
    pub pupils: i64,
    pub mean: String,
    pub disadvantaged_pupils: i64,
    /// `None` when the disadvantaged or other group is below the reporting threshold.
    pub disadvantaged_mean: Option<String>,
    pub other_mean: Option<String>,
    pub gap: Option<String>,
}

impl SubjectRow {
    fn from_headline(h: SubjectHeadline) -> Self {
        let others = h.pupils - h.disadvantaged_pupils;
        let shown = h.disadvantaged_pupils >= REPORTING_THRESHOLD && others >= REPORTING_THRESHOLD;
        let (dis, other) = (h.mean_score_disadvantaged, h.mean_score_other);
        SubjectRow {
            subject: h.subject,
            year: h.year,
            pupils: h.pupils,
            mean: format::decimal(Some(h.mean_score), 1),
            disadvantaged_pupils: h.disadvantaged_pupils,
            disadvantaged_mean: shown.then(|| format::decimal(dis, 1)),
            other_mean: shown.then(|| format::decimal(other, 1)),
            gap: match (shown, dis, other) {
                (true, Some(d), Some(o)) => Some(format::signed(d - o, 1)),
                _ => None,
            },
        }
    }
}

impl SchoolPanel {
    /// Names the subjects by the measure set in the reader's language.
    pub fn name_subjects(&mut self, names: &headway_app::measures::SubjectNames) {
        for row in &mut self.subjects {
            row.subject = names.of_name(&row.subject);
        }
    }

    pub async fn load(
        store: &Store,
        principal: &Principal,
        school: SchoolId,
        cuts: FsmBandCuts,
    ) -> Result<Option<SchoolPanel>, StoreError> {
        let Some(summary) = store.roster().school(school).await? else {
            return Ok(None);
        };
        let subjects = store
            .roster()
            .subject_headlines(school)
            .await?
            .into_iter()
            .map(SubjectRow::from_headline)
            .collect();
        let today = time::OffsetDateTime::now_utc().date();
        Ok(Some(SchoolPanel {
            can_import: principal.may(&Action::ImportData(school)).is_ok(),
            can_plan: principal.may(&Action::ViewPlan(school)).is_ok(),
            fsm_percent: format::percent(summary.fsm_share),
            fsm_band: cuts.band(summary.fsm_share).number(),
            head_years_in_post: summary
                .head_started_on
                .map(|d| ((today - d).whole_days() / 365).max(0)),
            school: summary,
            subjects,
        }))
    }
}

/// An organisation above schools with its schools' context.
pub struct OrgPanel {
    pub org: OrgSummary,
    pub schools: Vec<SchoolLine>,
    /// Whether the viewer may see the schools side by side (a link to that view).
    pub can_compare: bool,
    /// Whether the viewer may open the cluster's peer reviews (a link to them).
    pub can_review: bool,
    /// Whether the viewer may open the cluster's heads' coaching and communities.
    pub can_heads: bool,
}

pub struct SchoolLine {
    pub id: i64,
    pub name: String,
    pub phase: String,
    pub number_on_roll: i64,
    pub fsm_percent: String,
    pub fsm_band: u8,
}

impl OrgPanel {
    pub async fn load(
        store: &Store,
        principal: &Principal,
        org: OrgSummary,
        cuts: FsmBandCuts,
    ) -> Result<OrgPanel, StoreError> {
        let can_compare = principal
            .may(&Action::CompareSchools(OrgId(org.id)))
            .is_ok();
        let schools = store
            .roster()
            .schools_under(OrgId(org.id))
            .await?
            .into_iter()
            .map(|s| SchoolLine {
                id: s.id,
                fsm_percent: format::percent(s.fsm_share),
                fsm_band: cuts.band(s.fsm_share).number(),
                name: s.name,
                phase: s.phase,
                number_on_roll: s.number_on_roll,
            })
            .collect::<Vec<SchoolLine>>();
        let can_review = org.kind == "cluster"
            && principal
                .may(&Action::ViewReviews {
                    cluster: OrgId(org.id),
                    schools: schools.iter().map(|s| SchoolId(s.id)).collect(),
                })
                .is_ok();
        let can_heads = org.kind == "cluster"
            && principal
                .may(&Action::ViewHeadsLearning(
                    headway_domain::heads::ClusterFacts {
                        cluster: OrgId(org.id),
                        schools: schools.iter().map(|s| SchoolId(s.id)).collect(),
                    },
                ))
                .is_ok();
        Ok(OrgPanel {
            org,
            schools,
            can_compare,
            can_review,
            can_heads,
        })
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "school.html")]
pub struct SchoolTemplate {
    page: Page,
    panel: SchoolPanel,
}

pub async fn show(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
) -> AppResult<SchoolTemplate> {
    let school = SchoolId(school);
    signed_in
        .principal
        .may(&Action::ViewSchoolFigures(school))?;
    let mut panel = SchoolPanel::load(
        &app.store,
        &signed_in.principal,
        school,
        app.settings.fsm_cuts,
    )
    .await?
    .ok_or(AppError::NotFound)?;
    panel.name_subjects(&crate::pages::subject_names(&app, &signed_in.page.t).await?);
    Ok(SchoolTemplate {
        page: signed_in.page,
        panel,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "organisation.html")]
pub struct OrganisationTemplate {
    page: Page,
    panel: OrgPanel,
}

pub async fn organisation(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(org): Path<i64>,
) -> AppResult<OrganisationTemplate> {
    signed_in
        .principal
        .may(&Action::ViewOrganisation(OrgId(org)))?;
    let summary = app
        .store
        .roster()
        .org(OrgId(org))
        .await?
        .ok_or(AppError::NotFound)?;
    let panel = OrgPanel::load(
        &app.store,
        &signed_in.principal,
        summary,
        app.settings.fsm_cuts,
    )
    .await?;
    Ok(OrganisationTemplate {
        page: signed_in.page,
        panel,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "class.html")]
pub struct ClassTemplate {
    page: Page,
    name: String,
    subject: Option<String>,
    year: String,
    pupils: Vec<ClassPupil>,
}

pub async fn class(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(class): Path<i64>,
) -> AppResult<ClassTemplate> {
    // An unknown class and a class the person may not see look the same from outside:
    // both are "not found", before anything about the class is shown.
    let Some(info) = app.store.roster().class(ClassId(class)).await? else {
        return Err(AppError::NotFound);
    };
    signed_in
        .principal
        .may(&Action::ViewClass {
            school: SchoolId(info.school_id),
            class: ClassId(class),
            subject: info.subject_id.map(SubjectId),
        })
        .map_err(AppError::hidden)?;
    let pupils = app.store.roster().class_pupils(ClassId(class)).await?;
    let names = crate::pages::subject_names(&app, &signed_in.page.t).await?;
    Ok(ClassTemplate {
        page: signed_in.page,
        name: info.name,
        subject: match (info.subject_id, info.subject) {
            (Some(id), Some(stored)) => Some(names.of(id, &stored)),
            (_, subject) => subject,
        },
        year: info.year,
        pupils,
    })
}
