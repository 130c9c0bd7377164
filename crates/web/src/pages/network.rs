//! The staff advice network: the question "who do you go to for advice about …?" for each
//! member of staff (a notice of who will see the answers first, then a roster of
//! checkboxes per topic, searchable without JavaScript), and each topic's network for the
//! head and senior leaders: with names (the head, when the school's setting gave them as
//! the round opened), the informal leaders, the figures by role and department; or its
//! structure, each person labelled only by a group of at least k; a picture with its table
//! either way.

use crate::AppState;
use crate::context::{Page, SignedIn};
use crate::csrf::CsrfForm;
use crate::error::{AppError, AppResult};
use crate::format;
use crate::i18n::{Lang, Tr};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use headway_app::network::{self as use_case, Answer, NetworkError};
use headway_domain::ids::{PersonId, SchoolId};
use headway_domain::network::{
    GroupPosition, Posts, StaffMember, Structure, StructureGroup, Topic, TopicReport,
};
use headway_store::network::AdviceRoundId;
use headway_store::roster::SchoolSummary;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/schools/{school}/advice-network",
            get(question).post(answer),
        )
        .route("/schools/{school}/advice-network/rounds", post(open_round))
        .route(
            "/schools/{school}/advice-network/rounds/{round}/close",
            post(close_round),
        )
        .route("/schools/{school}/advice-network/results", get(results))
        .route(
            "/schools/{school}/advice-network/names",
            post(set_names_to_head),
        )
}

impl From<NetworkError> for AppError {
    fn from(error: NetworkError) -> AppError {
        let refused = |key| AppError::Refused {
            status: StatusCode::BAD_REQUEST,
            key,
            name: None,
        };
        match error {
            NetworkError::Denied(denied) => AppError::Forbidden(denied),
            NetworkError::NotFound => AppError::NotFound,
            NetworkError::NoOpenRound => refused("network-error-no-round"),
            NetworkError::NotOnRoster => refused("network-error-not-on-roster"),
            NetworkError::Empty => refused("network-error-empty"),
            NetworkError::Measures(error) => AppError::Internal(error.to_string()),
            NetworkError::Store(error) => AppError::Store(error),
        }
    }
}

fn topic_name(t: &Tr, topic: Topic) -> String {
    t.get(&format!(
        "network-topic-{}",
        topic.as_str().replace('_', "-")
    ))
}

fn role_name(t: &Tr, role: &str) -> String {
    t.get(&format!("network-role-{}", role.replace('_', "-")))
}

fn date_of(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .map(|d| d.date().to_string())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------
// The question.

pub struct ColleagueView {
    pub value: String,
    pub id: String,
    pub name: String,
    pub detail: String,
    pub checked: bool,
}

pub struct TopicQuestion {
    pub key: &'static str,
    pub legend: String,
    /// Colleagues shown (those the search matches).
    pub colleagues: Vec<ColleagueView>,
    /// Colleagues already chosen whom the search hides: kept as they are.
    pub kept: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "network_question.html")]
pub struct QuestionTemplate {
    pub page: Page,
    pub school: SchoolSummary,
    pub open: bool,
    pub opened_on: String,
    pub answered: bool,
    pub leads: bool,
    pub round_id: i64,
    pub search: String,
    pub nobody: bool,
    pub topics: Vec<TopicQuestion>,
    pub shown_text: String,
    pub asks_first: bool,
    pub saved: bool,
    pub names_to_head: bool,
    pub threshold: i64,
}

fn detail(t: &Tr, member: &StaffMember) -> String {
    let role = role_name(t, member.role.as_str());
    match &member.department {
        Some(department) => format!("{role}, {department}"),
        None => role,
    }
}

fn question_page(
    page: Page,
    school: SchoolSummary,
    question: &use_case::Question,
    chosen: &[(Topic, PersonId)],
    search: &str,
    nobody: bool,
    asks_first: bool,
) -> QuestionTemplate {
    let t = page.t;
    let needle = search.trim().to_lowercase();
    let matches = |member: &StaffMember| {
        needle.is_empty()
            || member.name.to_lowercase().contains(&needle)
            || member
                .department
                .as_deref()
                .is_some_and(|d| d.to_lowercase().contains(&needle))
            || detail(&t, member).to_lowercase().contains(&needle)
    };
    let shown = question.colleagues.iter().filter(|m| matches(m)).count();
    let topics = Topic::ALL
        .into_iter()
        .map(|topic| {
            let mut colleagues = Vec::new();
            let mut kept = Vec::new();
            for member in &question.colleagues {
                let value = format!("{}:{}", topic.as_str(), member.person.0);
                let checked = chosen.contains(&(topic, member.person));
                if matches(member) {
                    colleagues.push(ColleagueView {
                        id: format!("n-{}-{}", topic.as_str(), member.person.0),
                        value,
                        name: member.name.clone(),
                        detail: detail(&t, member),
                        checked,
                    });
                } else if checked {
                    kept.push(value);
                }
            }
            TopicQuestion {
                key: topic.as_str(),
                legend: t.get(&format!(
                    "network-question-{}",
                    topic.as_str().replace('_', "-")
                )),
                colleagues,
                kept,
            }
        })
        .collect();
    QuestionTemplate {
        school,
        open: question.round.is_some(),
        opened_on: question
            .round
            .as_ref()
            .map(|r| date_of(r.opened_at))
            .unwrap_or_default(),
        answered: question.answered,
        leads: question.leads,
        round_id: question.round.as_ref().map_or(0, |r| r.id),
        search: search.to_owned(),
        nobody,
        topics,
        shown_text: t.with(
            "network-search-shown",
            &[
                ("n", (shown as i64).into()),
                ("total", (question.colleagues.len() as i64).into()),
            ],
        ),
        asks_first,
        saved: false,
        names_to_head: question.names_to_head,
        threshold: i64::from(use_case::STRUCTURE_THRESHOLD.get()),
        page,
    }
}

#[derive(Debug, Deserialize, Default)]
pub struct QuestionQuery {
    saved: Option<u8>,
}

pub async fn question(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school_id): Path<i64>,
    Query(query): Query<QuestionQuery>,
) -> AppResult<QuestionTemplate> {
    let school = SchoolId(school_id);
    let mut question = use_case::question(&app.store, &signed_in.principal, school).await?;
    localise(&app, &signed_in.page.t, &mut question).await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let chosen = question.named.clone();
    let nobody = question.answered && chosen.is_empty();
    let mut view = question_page(
        signed_in.page,
        summary,
        &question,
        &chosen,
        "",
        nobody,
        false,
    );
    view.saved = query.saved.is_some() && question.answered;
    Ok(view)
}

/// Departments named in the reader's language (they are stored as subjects' names).
async fn localise(app: &AppState, t: &Tr, question: &mut use_case::Question) -> AppResult<()> {
    let names = crate::pages::subject_names(app, t).await?;
    for member in &mut question.colleagues {
        member.department = member.department.as_deref().map(|d| names.of_name(d));
    }
    Ok(())
}

fn chosen_in(fields: &[(String, String)]) -> Result<Vec<(Topic, PersonId)>, AppError> {
    fields
        .iter()
        .filter(|(k, _)| k == "named")
        .map(|(_, v)| {
            let (topic, person) = v
                .split_once(':')
                .ok_or_else(|| AppError::BadRequest(format!("'{v}' is not a nomination")))?;
            let topic = topic
                .parse::<Topic>()
                .map_err(|e| AppError::BadRequest(e.to_string()))?;
            let person = person
                .parse::<i64>()
                .map_err(|_| AppError::BadRequest(format!("'{person}' is not a person")))?;
            Ok((topic, PersonId(person)))
        })
        .collect()
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The form's two buttons: "Search" shows the roster narrowed (keeping what is chosen,
/// saving nothing); "Send my answers" saves. An answer naming nobody asks first. The
/// language buttons send the form too: the same question comes back in that language with
/// what is ticked and searched kept, the choice is remembered, and nothing is saved.
pub async fn answer(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school_id): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let school = SchoolId(school_id);
    let chosen = chosen_in(&fields)?;
    let nobody = field(&fields, "nobody") == Some("yes");
    let searching = field(&fields, "action") == Some("search");
    let language = match field(&fields, "language") {
        Some(code) => Some(
            Lang::from_code(code)
                .ok_or_else(|| AppError::BadRequest(format!("unknown language '{code}'")))?,
        ),
        None => None,
    };
    let mut page = signed_in.page;
    if language.is_some() || searching || (chosen.is_empty() && !nobody) {
        // The policy first: a person who may not answer here changes nothing, not even
        // their own language.
        let mut question = use_case::question(&app.store, &signed_in.principal, school).await?;
        if let Some(lang) = language {
            page.t = Tr::new(lang);
            app.store
                .accounts()
                .set_locale(signed_in.principal.person, lang.code())
                .await?;
        }
        localise(&app, &page.t, &mut question).await?;
        let summary = crate::pages::school_summary(&app, school).await?;
        let search = field(&fields, "q").unwrap_or_default();
        let asks_first = language.is_none() && !searching;
        let view = question_page(
            page, summary, &question, &chosen, search, nobody, asks_first,
        );
        return Ok(match language {
            Some(lang) => (
                [(header::SET_COOKIE, crate::pages::language::cookie(lang))],
                view,
            )
                .into_response(),
            None => view.into_response(),
        });
    }
    use_case::answer(
        &app.store,
        &signed_in.principal,
        school,
        &Answer {
            named: chosen,
            nobody,
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/schools/{school_id}/advice-network?saved=1")).into_response())
}

pub async fn open_round(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school_id): Path<i64>,
    CsrfForm(_fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    use_case::open_round(&app.store, &signed_in.principal, SchoolId(school_id)).await?;
    Ok(Redirect::to(&format!(
        "/schools/{school_id}/advice-network"
    )))
}

pub async fn close_round(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path((school_id, round)): Path<(i64, i64)>,
    CsrfForm(_fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    use_case::close_round(
        &app.store,
        &signed_in.principal,
        SchoolId(school_id),
        AdviceRoundId(round),
    )
    .await?;
    Ok(Redirect::to(&format!(
        "/schools/{school_id}/advice-network/results?round={round}"
    )))
}

// ---------------------------------------------------------------------------------------
// The results.

#[derive(Debug, Deserialize, Default)]
pub struct ResultsQuery {
    round: Option<i64>,
    topic: Option<String>,
}

pub struct PersonRow {
    pub number: usize,
    pub name: String,
    pub role: String,
    pub department: String,
    pub post: bool,
    pub in_degree: usize,
    pub out_degree: usize,
    pub betweenness: String,
    pub isolate: bool,
    pub answered: bool,
    pub informal: bool,
    pub sought_out: bool,
}

pub struct GroupRow {
    pub label: String,
    pub people: usize,
    pub named: usize,
    pub mean: String,
    pub sought_out: usize,
}

pub struct NodeView {
    pub x: String,
    pub y: String,
    pub r: String,
    pub class: &'static str,
    pub number: usize,
    pub label_x: String,
    pub label_y: String,
    pub title: String,
}

pub struct TieView {
    pub x1: String,
    pub y1: String,
    pub x2: String,
    pub y2: String,
}

pub struct TopicLink {
    pub key: &'static str,
    pub name: String,
    pub current: bool,
}

pub struct RoundChoice {
    pub id: i64,
    pub label: String,
    pub selected: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "network_results.html")]
pub struct ResultsTemplate {
    pub page: Page,
    pub school: SchoolSummary,
    pub has_round: bool,
    pub round_id: i64,
    pub round_open: bool,
    pub round_label: String,
    pub rounds: Vec<RoundChoice>,
    pub topic_key: &'static str,
    pub topic_name: String,
    pub topics: Vec<TopicLink>,
    pub response: String,
    pub density: String,
    pub reciprocity: String,
    pub centralisation: String,
    pub ties: usize,
    pub isolates: Vec<String>,
    pub informal: Vec<String>,
    pub posts_not_sought: Vec<String>,
    pub people: Vec<PersonRow>,
    /// By role, then by department: (the title's message, the rows).
    pub group_tables: Vec<(&'static str, Vec<GroupRow>)>,
    pub nodes: Vec<NodeView>,
    pub edges: Vec<TieView>,
    pub chart_title: String,
    /// Whether this view carries names (the head, with the setting on for this round).
    pub named: bool,
    /// The school's setting now, whether the viewer may change it, and whether the round
    /// shown was opened with names to the head.
    pub names_setting: bool,
    pub may_set_names: bool,
    pub round_names: bool,
    /// Without names: each person by number and group, and the groups' figures.
    pub anonymous: Vec<AnonymousRow>,
    pub structure_groups: Vec<GroupRow>,
    pub structure_about: String,
}

pub struct AnonymousRow {
    pub number: usize,
    pub group: String,
    pub in_degree: usize,
    pub out_degree: usize,
    pub betweenness: String,
    pub isolate: bool,
    pub informal: bool,
    pub sought_out: bool,
}

fn groups(t: &Tr, groups: &[GroupPosition], is_role: bool) -> Vec<GroupRow> {
    groups
        .iter()
        .map(|g| GroupRow {
            label: match (&g.label, is_role) {
                (Some(label), true) => role_name(t, label),
                (Some(label), false) => label.clone(),
                (None, _) => t.get("network-no-department"),
            },
            people: g.people,
            named: g.named,
            mean: format::decimal(Some(g.mean_in_degree), 1),
            sought_out: g.sought_out,
        })
        .collect()
}

/// The picture's size (a square, in SVG units) and the radius of the circle the people
/// are placed on.
const SIZE: f64 = 420.0;
const CIRCLE: f64 = 170.0;

/// One dot of the picture.
struct Dot {
    class: &'static str,
    in_degree: usize,
    title: String,
}

/// People on a circle in the order given (a deterministic layout), each a dot sized by
/// in-degree and numbered by its place in `dots`; ties as arrows stopping at the dot's edge.
fn draw(dots: &[Dot], order: &[usize], ties: &[(usize, usize)]) -> (Vec<NodeView>, Vec<TieView>) {
    let n = dots.len();
    let mut at = vec![(0.0, 0.0); n];
    for (slot, &i) in order.iter().enumerate() {
        let angle =
            std::f64::consts::TAU * slot as f64 / n.max(1) as f64 - std::f64::consts::FRAC_PI_2;
        at[i] = (
            SIZE / 2.0 + CIRCLE * angle.cos(),
            SIZE / 2.0 + CIRCLE * angle.sin(),
        );
    }
    let radius = |i: usize| 4.0 + 2.0 * (dots[i].in_degree as f64).min(8.0);
    let number = |v: f64| format!("{v:.1}");
    let nodes = (0..n)
        .map(|i| {
            let (x, y) = at[i];
            let outward = ((x - SIZE / 2.0) / CIRCLE, (y - SIZE / 2.0) / CIRCLE);
            let gap = radius(i) + 8.0;
            NodeView {
                x: number(x),
                y: number(y),
                r: number(radius(i)),
                class: dots[i].class,
                number: i + 1,
                label_x: number(x + outward.0 * gap),
                label_y: number(y + outward.1 * gap + 4.0),
                title: dots[i].title.clone(),
            }
        })
        .collect();
    let edges = ties
        .iter()
        .map(|&(a, b)| {
            let (x1, y1) = at[a];
            let (x2, y2) = at[b];
            let length = ((x2 - x1).powi(2) + (y2 - y1).powi(2)).sqrt().max(1.0);
            let stop = (radius(b) + 3.0) / length;
            TieView {
                x1: number(x1),
                y1: number(y1),
                x2: number(x2 - (x2 - x1) * stop),
                y2: number(y2 - (y2 - y1) * stop),
            }
        })
        .collect();
    (nodes, edges)
}

/// With names: people grouped by department and role on the circle, coloured by post.
fn picture(t: &Tr, report: &TopicReport) -> (Vec<NodeView>, Vec<TieView>) {
    let n = report.people.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| {
        (
            report.people[i].member.department.clone(),
            report.people[i].member.role.as_str(),
        )
    });
    let dots: Vec<Dot> = report
        .people
        .iter()
        .map(|person| Dot {
            class: if person.informal_leader() {
                "node informal"
            } else if person.member.holds_post() {
                "node post"
            } else {
                "node staff"
            },
            in_degree: person.in_degree,
            title: t.with(
                "network-node-title",
                &[
                    ("name", person.member.name.as_str().into()),
                    ("n", (person.in_degree as i64).into()),
                ],
            ),
        })
        .collect();
    draw(&dots, &order, &report.ties)
}

/// A group of the structure, named in the reader's language: its role-and-department
/// combinations, or "other staff".
fn group_label(
    t: &Tr,
    names: &headway_app::measures::SubjectNames,
    group: &StructureGroup,
) -> String {
    if group.is_other_staff() {
        return t.get("network-other-staff");
    }
    group
        .combinations
        .iter()
        .map(|(role, department)| {
            let role = role_name(t, role.as_str());
            match department {
                Some(d) => format!("{role}, {}", names.of_name(d)),
                None => role,
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Without names: people in the structure's order (group by group), coloured by what
/// their whole group is.
fn structure_picture(
    labels: &[String],
    structure: &Structure,
    t: &Tr,
) -> (Vec<NodeView>, Vec<TieView>) {
    let dots: Vec<Dot> = structure
        .people
        .iter()
        .enumerate()
        .map(|(i, person)| Dot {
            class: if person.informal {
                "node informal"
            } else {
                match structure.groups[person.group].posts {
                    Posts::All => "node post",
                    Posts::None => "node staff",
                    Posts::Mixed => "node mixed",
                }
            },
            in_degree: person.in_degree,
            title: t.with(
                "network-node-title-anonymous",
                &[
                    ("number", (i as i64 + 1).into()),
                    ("group", labels[person.group].as_str().into()),
                    ("n", (person.in_degree as i64).into()),
                ],
            ),
        })
        .collect();
    let order: Vec<usize> = (0..dots.len()).collect();
    draw(&dots, &order, &structure.ties)
}

pub async fn results(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school_id): Path<i64>,
    Query(query): Query<ResultsQuery>,
) -> AppResult<ResultsTemplate> {
    let school = SchoolId(school_id);
    let mut results = use_case::results(
        &app.store,
        &signed_in.principal,
        school,
        query.round.map(AdviceRoundId),
    )
    .await?;
    let names = crate::pages::subject_names(&app, &signed_in.page.t).await?;
    for report in &mut results.topics {
        for person in &mut report.people {
            person.member.department = person
                .member
                .department
                .as_deref()
                .map(|d| names.of_name(d));
        }
        for group in &mut report.by_department {
            group.label = group.label.as_deref().map(|d| names.of_name(d));
        }
    }
    let summary = crate::pages::school_summary(&app, school).await?;
    let page = signed_in.page;
    let t = page.t;
    let named = results.named();
    let topic = query
        .topic
        .as_deref()
        .and_then(|k| k.parse::<Topic>().ok())
        .unwrap_or(Topic::TeachingMathematics);
    let round_label = |opened: i64, closed: Option<i64>| match closed {
        Some(closed) => t.with(
            "network-round-closed",
            &[
                ("opened", date_of(opened).into()),
                ("closed", date_of(closed).into()),
            ],
        ),
        None => t.named("network-round-open", &date_of(opened)),
    };
    let rounds = results
        .rounds
        .iter()
        .map(|r| RoundChoice {
            id: r.id,
            label: round_label(r.opened_at, r.closed_at),
            selected: results.round.as_ref().is_some_and(|c| c.id == r.id),
        })
        .collect();
    let topics = Topic::ALL
        .into_iter()
        .map(|k| TopicLink {
            key: k.as_str(),
            name: topic_name(&t, k),
            current: k == topic,
        })
        .collect();
    let mut view = ResultsTemplate {
        school: summary,
        has_round: results.round.is_some(),
        round_id: results.round.as_ref().map_or(0, |r| r.id),
        round_open: results.round.as_ref().is_some_and(|r| r.is_open()),
        round_label: results
            .round
            .as_ref()
            .map(|r| round_label(r.opened_at, r.closed_at))
            .unwrap_or_default(),
        rounds,
        topic_key: topic.as_str(),
        topic_name: topic_name(&t, topic),
        topics,
        response: t.with(
            "network-response",
            &[
                ("n", (results.respondents as i64).into()),
                ("staff", (results.staff as i64).into()),
            ],
        ),
        density: String::new(),
        reciprocity: String::new(),
        centralisation: String::new(),
        ties: 0,
        isolates: Vec::new(),
        informal: Vec::new(),
        posts_not_sought: Vec::new(),
        people: Vec::new(),
        group_tables: Vec::new(),
        nodes: Vec::new(),
        edges: Vec::new(),
        chart_title: t.named("network-chart-title", &topic_name(&t, topic)),
        named,
        names_setting: results.names_setting,
        may_set_names: results.may_set_names,
        round_names: results.round.as_ref().is_some_and(|r| r.names_to_head),
        anonymous: Vec::new(),
        structure_groups: Vec::new(),
        structure_about: t.with(
            "network-structure-about",
            &[("k", i64::from(use_case::STRUCTURE_THRESHOLD.get()).into())],
        ),
        page,
    };
    if let Some(structure) = results.structure(topic) {
        view.density = format::decimal(Some(structure.density), 3);
        view.reciprocity = structure
            .reciprocity
            .map(|r| format::decimal(Some(r), 2))
            .unwrap_or_else(|| "–".into());
        view.centralisation = structure
            .in_degree_centralisation
            .map(|c| format::decimal(Some(c), 2))
            .unwrap_or_else(|| "–".into());
        view.ties = structure.ties_count;
        let labels: Vec<String> = structure
            .groups
            .iter()
            .map(|g| group_label(&t, &names, g))
            .collect();
        view.structure_groups = structure
            .groups
            .iter()
            .zip(&labels)
            .map(|(g, label)| GroupRow {
                label: label.clone(),
                people: g.people,
                named: g.named,
                mean: format::decimal(Some(g.mean_in_degree()), 1),
                sought_out: g.sought_out,
            })
            .collect();
        view.anonymous = structure
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| AnonymousRow {
                number: i + 1,
                group: labels[p.group].clone(),
                in_degree: p.in_degree,
                out_degree: p.out_degree,
                betweenness: format::decimal(Some(p.betweenness), 3),
                isolate: p.isolate,
                informal: p.informal,
                sought_out: p.sought_out,
            })
            .collect();
        let (nodes, edges) = structure_picture(&labels, structure, &t);
        view.nodes = nodes;
        view.edges = edges;
    }
    if let Some(report) = results.topic(topic) {
        let m = &report.measures;
        view.density = format::decimal(Some(m.density), 3);
        view.reciprocity = m
            .reciprocity
            .map(|r| format::decimal(Some(r), 2))
            .unwrap_or_else(|| "–".into());
        view.centralisation = m
            .in_degree_centralisation
            .map(|c| format::decimal(Some(c), 2))
            .unwrap_or_else(|| "–".into());
        view.ties = m.ties;
        view.isolates = report
            .people
            .iter()
            .filter(|p| p.isolate)
            .map(|p| p.member.name.clone())
            .collect();
        view.informal = report
            .informal_leaders()
            .map(|p| detail_line(&t, p))
            .collect();
        view.posts_not_sought = report
            .posts_not_sought()
            .map(|p| detail_line(&t, p))
            .collect();
        let mut people: Vec<PersonRow> = report
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| PersonRow {
                number: i + 1,
                name: p.member.name.clone(),
                role: role_name(&t, p.member.role.as_str()),
                department: p.member.department.clone().unwrap_or_default(),
                post: p.member.holds_post(),
                in_degree: p.in_degree,
                out_degree: p.out_degree,
                betweenness: format::decimal(Some(p.betweenness), 3),
                isolate: p.isolate,
                answered: p.answered,
                informal: p.informal_leader(),
                sought_out: p.sought_out,
            })
            .collect();
        people.sort_by(|a, b| b.in_degree.cmp(&a.in_degree).then(a.number.cmp(&b.number)));
        view.people = people;
        view.group_tables = vec![
            ("network-by-role", groups(&t, &report.by_role, true)),
            (
                "network-by-department",
                groups(&t, &report.by_department, false),
            ),
        ];
        let (nodes, edges) = picture(&t, report);
        view.nodes = nodes;
        view.edges = edges;
    }
    Ok(view)
}

fn detail_line(t: &Tr, person: &headway_domain::network::PersonPosition) -> String {
    t.with(
        "network-person-named",
        &[
            ("name", person.member.name.as_str().into()),
            ("detail", detail(t, &person.member).into()),
            ("n", (person.in_degree as i64).into()),
        ],
    )
}

/// The head turns names on or off for rounds opened from now on.
pub async fn set_names_to_head(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school_id): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let names_to_head = match field(&fields, "names") {
        Some("on") => true,
        Some("off") => false,
        other => {
            return Err(AppError::BadRequest(format!(
                "'{}' is not a setting for names (expected on or off)",
                other.unwrap_or_default()
            )));
        }
    };
    use_case::set_names_to_head(
        &app.store,
        &signed_in.principal,
        SchoolId(school_id),
        names_to_head,
    )
    .await?;
    Ok(Redirect::to(&format!(
        "/schools/{school_id}/advice-network/results"
    )))
}
