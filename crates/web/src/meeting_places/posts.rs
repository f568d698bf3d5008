//! Partner posts in pages (signed-in members): `/{lang}/posts` (open offers and requests, and one's own),
//! `/{lang}/posts/new`, `/{lang}/posts/{id}` (express interest; the author sees the conversations and closes the
//! post) and `/{lang}/conversations/{id}` (only the post's author and the interested member).

use crate::AppState;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use crate::kit::forms::{Choice, Field, FieldKind, FormData, FormView, Section};
use crate::kit::page::{FormPage, ensure_session, respond};
use crate::kit::page::{Layout, Link, Nav, lang, render};
use crate::kit::params::Params;
use crate::kit::text::Text;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::posts::{PostError, PostKind};
use domain::{Action, IsoDate, Lang, Slug};
use i18n::Tr;
use store::{PostFail, PostRow, StoreError};

/// A post in a list.
pub struct PostLine {
    /// Link.
    pub href: String,
    /// Offer or request, in words.
    pub kind: String,
    /// Title, in the language the post is written in.
    pub title: Text,
    /// Author.
    pub author: String,
    /// Last day.
    pub expires: String,
    /// "Closed" / "Expired", when it is.
    pub state: Option<String>,
    /// How many expressed interest.
    pub interests: i64,
}

/// The language a post is written in, told from its title and text together (the page's when they say too
/// little).
fn written_in(p: &PostRow, page: Lang) -> Lang {
    i18n::identify(&format!("{}\n{}", p.title, p.body)).unwrap_or(page)
}

fn line(lang: Lang, t: Tr, p: &PostRow) -> PostLine {
    PostLine {
        href: format!("/{}/posts/{}", lang.code(), p.id),
        kind: t.t(&format!("post-kind-{}", p.kind)),
        title: Text::written(p.title.as_str(), written_in(p, lang), lang),
        author: p.author_name.clone(),
        expires: p.expires.to_string(),
        state: if p.closed {
            Some(t.t("post-closed"))
        } else if p.expires < store::today() {
            Some(t.t("post-expired"))
        } else {
            None
        },
        interests: p.interests,
    }
}

/// `/{lang}/posts`.
#[derive(Template)]
#[template(path = "meeting_places/posts.html")]
pub struct PostsPage {
    /// Frame.
    pub layout: Layout,
    /// Open posts of others.
    pub open: Vec<PostLine>,
    /// One's own posts.
    pub mine: Vec<PostLine>,
    /// Kind filter: (value, label, selected).
    pub kinds: Vec<(String, String, bool)>,
    /// Topic filter: (value, label, selected).
    pub tags: Vec<(String, String, bool)>,
    /// The words searched for.
    pub q: String,
}

/// The posts.
pub(crate) async fn list(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let t = Tr::new(lang);
    let kind = params.vocabulary("kind", PostKind::ALL, PostKind::as_str)?;
    let tag = params.slug("tag")?;
    let q = params.get("q").unwrap_or_default().trim().to_owned();
    // Every word must occur in the title or text, letter case and accents aside.
    let fold = |text: &str| domain::collate::sort_key(lang, text);
    let words: Vec<String> = q.split_whitespace().map(fold).collect();
    let all = state.store().posts(None).await?;
    let day = store::today();
    let open = all
        .iter()
        .filter(|p| p.author_id != user && domain::posts::is_open(p.closed, p.expires, day))
        .filter(|p| kind.is_none_or(|k| p.kind == k))
        .filter(|p| tag.as_ref().is_none_or(|tg| p.tags.contains(tg)))
        .filter(|p| {
            let text = fold(&format!("{} {}", p.title, p.body));
            words.iter().all(|w| text.contains(w.as_str()))
        })
        .map(|p| line(lang, t, p))
        .collect();
    let mine = all
        .iter()
        .filter(|p| p.author_id == user)
        .map(|p| line(lang, t, p))
        .collect();
    let kinds = PostKind::ALL
        .iter()
        .map(|k| {
            (
                k.as_str().to_owned(),
                t.t(&format!("post-kind-{k}")),
                kind == Some(*k),
            )
        })
        .collect();
    let mut layout = Layout::new(
        lang,
        &t.t("posts-title"),
        "posts",
        Nav::Events,
        Some(t.t("posts-lead")),
    );
    let tags = tag_choices(&state, lang)
        .await?
        .into_iter()
        .map(|(v, l)| {
            let selected = tag.as_ref().is_some_and(|tg| tg.as_str() == v);
            (v, l, selected)
        })
        .collect();
    layout.set_caller(&caller);
    Ok(render(&PostsPage {
        layout,
        open,
        mine,
        kinds,
        tags,
        q,
    })?
    .into_response())
}

fn new_form(
    t: Tr,
    lang: Lang,
    csrf: String,
    typed: Option<&FormData>,
    tags: &[(String, String)],
) -> FormView {
    let val = |n: &str, d: String| typed.map_or(d, |f| f.raw(n).trim().to_owned());
    let kind = val("kind", String::new());
    let chosen: Vec<String> = typed.map(|f| f.all("tags")).unwrap_or_default();
    let default_expiry =
        IsoDate::from_unix_millis((store::today().days_since_epoch() + 60) * 86_400_000)
            .to_string();
    FormView {
        intro: vec![t.t("post-new-intro")],
        action: format!("/{}/posts", lang.code()),
        csrf,
        sections: vec![Section {
            legend: None,
            fields: vec![
                Field::new(FieldKind::Select, "kind", t.t("post-kind"))
                    .required()
                    .choices(
                        PostKind::ALL
                            .iter()
                            .map(|k| Choice {
                                value: k.as_str().to_owned(),
                                label: t.t(&format!("post-kind-{k}")),
                                selected: kind == k.as_str(),
                            })
                            .collect(),
                    ),
                Field::new(FieldKind::Text, "title", t.t("post-title-field"))
                    .required()
                    .maxlength(domain::posts::MAX_TITLE)
                    .value(val("title", String::new())),
                Field::new(FieldKind::Textarea, "body", t.t("post-body"))
                    .required()
                    .maxlength(domain::posts::MAX_TEXT)
                    .hint(t.t("post-body-hint"))
                    .value(val("body", String::new())),
                Field::new(FieldKind::Text, "expires", t.t("post-expires"))
                    .required()
                    .hint(t.t("post-expires-hint"))
                    .value(val("expires", default_expiry)),
                Field::new(FieldKind::Checkboxes, "tags", t.t("post-tags")).choices(
                    tags.iter()
                        .map(|(s, l)| Choice {
                            value: s.clone(),
                            label: l.clone(),
                            selected: chosen.contains(s),
                        })
                        .collect(),
                ),
            ],
        }],
        submit: t.t("post-publish"),
        links: vec![Link {
            href: format!("/{}/posts", lang.code()),
            text: t.t("posts-title"),
        }],
        form_error: None,
        notice: None,
    }
}

pub(crate) async fn tag_choices(
    state: &AppState,
    lang: Lang,
) -> Result<Vec<(String, String)>, WebError> {
    Ok(state
        .store()
        .tags(lang)
        .await?
        .into_iter()
        .map(|t| (t.tag.slug.to_string(), t.tag.label.get(lang).to_owned()))
        .collect())
}

fn form_page(lang: Lang, caller: &Caller, form: FormView) -> FormPage {
    let t = Tr::new(lang);
    let mut layout = Layout::new(lang, &t.t("post-new-title"), "posts/new", Nav::Events, None);
    layout.set_caller(caller);
    FormPage { layout, form }
}

/// The new-post form.
pub(crate) async fn new_page(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let (csrf, cookie) = ensure_session(&state, &caller).await?;
    let tags = tag_choices(&state, lang).await?;
    let form = new_form(Tr::new(lang), lang, csrf, None, &tags);
    Ok(respond(
        StatusCode::OK,
        render(&form_page(lang, &caller, form))?,
        cookie,
    ))
}

/// Publishes a post.
pub(crate) async fn create(
    State(state): State<AppState>,
    Path(code): Path<String>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    caller.check_csrf(Some(&f.value("csrf")))?;
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let t = Tr::new(lang);
    let tags = tag_choices(&state, lang).await?;
    let mut errs: Vec<(String, String)> = Vec::new();
    let kind = PostKind::parse(&f.value("kind"));
    if kind.is_none() {
        errs.push(("kind".into(), t.t("field-choose")));
    }
    let expires = IsoDate::parse(&f.value("expires")).ok();
    // Every problem at once: the rules are asked even when the kind or the date could not be read.
    let rules = domain::posts::check_post(
        &f.raw("title"),
        &f.raw("body"),
        expires.unwrap_or(IsoDate::from_unix_millis(0)),
        store::today(),
    )
    .err()
    .unwrap_or_default();
    for r in rules {
        let field = match r {
            PostError::Title => "title",
            PostError::Expiry => "expires",
            _ => "body",
        };
        errs.push((field.into(), t.t(&format!("post-error-{}", r.key()))));
    }
    let chosen: Vec<Slug> = f
        .all("tags")
        .iter()
        .filter_map(|s| Slug::parse(s).ok())
        .filter(|s| tags.iter().any(|(x, _)| x == s.as_str()))
        .collect();
    if chosen.len() != f.all("tags").len() {
        errs.push(("tags".into(), t.t("field-unknown-choice")));
    }
    if let (Some(kind), Some(expires), true) = (kind, expires, errs.is_empty())
        && let Ok(id) = state
            .store()
            .create_post(
                user,
                kind,
                &f.raw("title"),
                &f.raw("body"),
                &chosen,
                expires,
                store::today(),
            )
            .await?
    {
        return Ok(
            Redirect::to(&format!("/{}/posts/{id}?done=published", lang.code())).into_response(),
        );
    }
    let mut view = new_form(
        t,
        lang,
        caller.csrf().unwrap_or_default().to_owned(),
        Some(&f),
        &tags,
    );
    for (field, msg) in errs {
        view.set_error(&field, msg);
    }
    Ok(respond(
        StatusCode::UNPROCESSABLE_ENTITY,
        render(&form_page(lang, &caller, view))?,
        None,
    ))
}

/// `/{lang}/posts/{id}`.
#[derive(Template)]
#[template(path = "meeting_places/post.html")]
pub struct PostPage {
    /// Frame.
    pub layout: Layout,
    /// The post.
    pub p: PostLine,
    /// Its text, in paragraphs.
    pub body: Vec<Text>,
    /// Tags.
    pub tags: Vec<String>,
    /// The caller wrote it.
    pub own: bool,
    /// It takes interest.
    pub open: bool,
    /// For the author: the conversations (link, name, date).
    pub conversations: Vec<(String, String, String)>,
    /// For others: their conversation, when they expressed interest.
    pub my_conversation: Option<String>,
    /// CSRF token.
    pub csrf: String,
    /// Confirmation or refusal: (ok, text).
    pub flash: Option<(bool, String)>,
    /// The interest message typed, kept on error.
    pub message: String,
}

#[allow(clippy::too_many_arguments)]
async fn show(
    state: &AppState,
    lang: Lang,
    caller: &Caller,
    id: i64,
    status: StatusCode,
    flash: Option<(bool, String)>,
    message: String,
) -> Result<Response, WebError> {
    caller.require(&Action::UseOwnAccount)?;
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let t = Tr::new(lang);
    let p = state.store().post(id).await?.ok_or(WebError::NotFound)?;
    let own = p.author_id == user;
    let interests = state.store().interests(id).await?;
    let conversations = if own {
        interests
            .iter()
            .map(|i| {
                (
                    format!("/{}/conversations/{}", lang.code(), i.id),
                    i.user_name.clone(),
                    IsoDate::from_unix_millis(i.created_at).to_string(),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let my_conversation = interests
        .iter()
        .find(|i| i.user_id == user)
        .map(|i| format!("/{}/conversations/{}", lang.code(), i.id));
    let tags = state.store().tags(lang).await?;
    let (csrf, cookie) = ensure_session(state, caller).await?;
    let mut layout = Layout::new(lang, &p.title, &format!("posts/{id}"), Nav::Events, None);
    layout.set_title_lang(&Text::written(p.title.as_str(), written_in(&p, lang), lang));
    layout.set_caller(caller);
    let page = PostPage {
        layout,
        body: Text::written(p.body.as_str(), written_in(&p, lang), lang).paragraphs(),
        tags: tags
            .iter()
            .filter(|x| p.tags.contains(&x.tag.slug))
            .map(|x| x.tag.label.get(lang).to_owned())
            .collect(),
        own,
        open: domain::posts::is_open(p.closed, p.expires, store::today()),
        conversations,
        my_conversation,
        csrf,
        flash,
        message,
        p: line(lang, t, &p),
    };
    Ok(respond(status, render(&page)?, cookie))
}

/// One post.
pub(crate) async fn detail(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let id = crate::kit::params::path_id(&id)?;
    let t = Tr::new(lang);
    let flash = params
        .get("done")
        .filter(|d| matches!(*d, "published" | "closed" | "sent"))
        .map(|d| (true, t.t(&format!("post-done-{d}"))));
    show(
        &state,
        lang,
        &caller,
        id,
        StatusCode::OK,
        flash,
        String::new(),
    )
    .await
}

/// Expresses interest with a first message; the author gets an e-mail.
pub(crate) async fn interest(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let id = crate::kit::params::path_id(&id)?;
    caller.check_csrf(Some(&f.value("csrf")))?;
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let t = Tr::new(lang);
    let base = state.auth().base_url.trim_end_matches('/').to_owned();
    let name = caller
        .user
        .as_ref()
        .map(|u| u.display_name.clone())
        .unwrap_or_default();
    let message = f.raw("message");
    let result = state
        .store()
        .express_interest(id, user, &message, store::today(), |p| {
            let (sv, en) = (Tr::new(Lang::Sv), Tr::new(Lang::En));
            (
                format!(
                    "{} / {}",
                    sv.t("post-mail-subject"),
                    en.t("post-mail-subject")
                ),
                format!(
                    "{}\n\n{base}/sv/posts/{id}\n\n----\n\n{}\n\n{base}/en/posts/{id}",
                    sv.t2("post-mail-body", ("name", &name), ("title", &p.title)),
                    en.t2("post-mail-body", ("name", &name), ("title", &p.title)),
                ),
            )
        })
        .await;
    match result {
        Ok(conv) => Ok(
            Redirect::to(&format!("/{}/conversations/{conv}?done=sent", lang.code()))
                .into_response(),
        ),
        Err(PostFail::Rule(r)) => {
            show(
                &state,
                lang,
                &caller,
                id,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some((false, t.t(&format!("post-error-{}", r.key())))),
                message,
            )
            .await
        }
        Err(PostFail::Store(e)) => Err(e.into()),
    }
}

/// The author closes the post.
pub(crate) async fn close(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let id = crate::kit::params::path_id(&id)?;
    caller.check_csrf(Some(&f.value("csrf")))?;
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let p = state.store().post(id).await?.ok_or(WebError::NotFound)?;
    if p.author_id != user {
        return Err(WebError::Forbidden);
    }
    match state.store().close_post(id, user).await {
        Ok(()) | Err(StoreError::NotFound(_)) => {
            Ok(Redirect::to(&format!("/{}/posts/{id}?done=closed", lang.code())).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// `/{lang}/conversations/{id}`.
#[derive(Template)]
#[template(path = "meeting_places/conversation.html")]
pub struct ConversationPage {
    /// Frame.
    pub layout: Layout,
    /// The post: (link, title).
    pub post: (String, String),
    /// Messages: (name, date, paragraphs, mine).
    pub messages: Vec<(String, String, Vec<Text>, bool)>,
    /// CSRF.
    pub csrf: String,
    /// Form address.
    pub action: String,
    /// Confirmation or refusal.
    pub flash: Option<(bool, String)>,
}

async fn conversation_page(
    state: &AppState,
    lang: Lang,
    caller: &Caller,
    id: i64,
    status: StatusCode,
    flash: Option<(bool, String)>,
) -> Result<Response, WebError> {
    caller.require(&Action::UseOwnAccount)?;
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    let t = Tr::new(lang);
    let (row, messages) = state
        .store()
        .conversation(id, user)
        .await?
        .ok_or(WebError::NotFound)?;
    let p = state
        .store()
        .post(row.post_id)
        .await?
        .ok_or(WebError::NotFound)?;
    let with = if user == row.user_id {
        p.author_name.clone()
    } else {
        row.user_name.clone()
    };
    let (csrf, cookie) = ensure_session(state, caller).await?;
    let mut layout = Layout::new(
        lang,
        &t.t1("conversation-title", "name", &with),
        &format!("conversations/{id}"),
        Nav::Events,
        None,
    );
    layout.set_caller(caller);
    let page = ConversationPage {
        layout,
        post: (format!("/{}/posts/{}", lang.code(), p.id), p.title.clone()),
        messages: messages
            .iter()
            .map(|m| {
                (
                    m.sender_name.clone(),
                    IsoDate::from_unix_millis(m.at).to_string(),
                    Text::identified(m.body.as_str(), lang).paragraphs(),
                    m.sender_id == Some(user),
                )
            })
            .collect(),
        csrf,
        action: format!("/{}/conversations/{id}", lang.code()),
        flash,
    };
    Ok(respond(status, render(&page)?, cookie))
}

/// A conversation (its two parties only; anyone else gets 404).
pub(crate) async fn conversation(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
    caller: Caller,
    params: Params,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    let id = crate::kit::params::path_id(&id)?;
    let flash =
        (params.get("done") == Some("sent")).then(|| (true, Tr::new(lang).t("post-done-sent")));
    conversation_page(&state, lang, &caller, id, StatusCode::OK, flash).await
}

/// Replies in a conversation.
pub(crate) async fn reply(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, String)>,
    caller: Caller,
    f: FormData,
) -> Result<Response, WebError> {
    let lang = lang(&code)?;
    caller.require(&Action::UseOwnAccount)?;
    let id = crate::kit::params::path_id(&id)?;
    caller.check_csrf(Some(&f.value("csrf")))?;
    let user = caller.user_id().ok_or(WebError::Unauthorized)?;
    match state
        .store()
        .post_message(id, user, &f.raw("message"))
        .await
    {
        Ok(()) => Ok(
            Redirect::to(&format!("/{}/conversations/{id}?done=sent", lang.code())).into_response(),
        ),
        Err(PostFail::Rule(r)) => {
            let msg = Tr::new(lang).t(&format!("post-error-{}", r.key()));
            conversation_page(
                &state,
                lang,
                &caller,
                id,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some((false, msg)),
            )
            .await
        }
        Err(PostFail::Store(e)) => Err(e.into()),
    }
}
