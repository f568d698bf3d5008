//! HTML forms: reading a submitted form, and one view model (`FormView`) that every form page renders with the
//! same accessible markup — labels, hints, an error summary that links to each field, field-level messages,
//! and the values the user typed kept on error.

use crate::AppState;
use crate::kit::error::WebError;
use crate::kit::params::Params;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use domain::Lang;

/// A submitted `application/x-www-form-urlencoded` body.
#[derive(Debug, Clone, Default)]
pub struct FormData(pub Params);

impl<S: Send + Sync> FromRequest<S> for FormData {
    type Rejection = WebError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                WebError::TooLarge
            } else {
                WebError::BadBody(e.to_string())
            }
        })?;
        let text =
            std::str::from_utf8(&bytes).map_err(|_| WebError::BadBody("not UTF-8".into()))?;
        Params::parse(Some(text))
            .map(FormData)
            .map_err(|_| WebError::BadBody("malformed form".into()))
    }
}

impl FormData {
    /// A field's value, trimmed; empty when absent. Line breaks are `\n` (browsers send textareas with `\r\n`);
    /// bidi controls and control characters other than line breaks and tabs are removed, so no text a person
    /// types can show itself in another order than it is stored.
    pub fn value(&self, name: &str) -> String {
        domain::text::clean_text(self.0.get(name).unwrap_or_default())
            .trim()
            .to_owned()
    }

    /// A field's value as sent, not trimmed (passwords), with line breaks as `\n`.
    pub fn raw(&self, name: &str) -> String {
        self.0.raw(name).unwrap_or_default().replace("\r\n", "\n")
    }

    /// Every value sent for `name` (checkbox groups), cleaned as one line each, in order, each value once.
    pub fn all(&self, name: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for v in self.0.all(name) {
            let v = domain::text::clean_line(&v);
            if !out.contains(&v) {
                out.push(v);
            }
        }
        out
    }
}

/// Every actor as (slug, name in `lang`), for choosing one in a form.
pub(crate) async fn actor_choices(
    state: &AppState,
    lang: Lang,
) -> Result<Vec<(String, String)>, WebError> {
    let names = state.store().actor_names(lang).await?;
    Ok(names
        .into_iter()
        .map(|(slug, name)| (slug.to_string(), name.get(lang).to_owned()))
        .collect())
}

/// What kind of input a field is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// An e-mail address.
    Email,
    /// A password (never echoed back).
    Password,
    /// A web address.
    Url,
    /// A whole number.
    Number,
    /// Several lines of text.
    Textarea,
    /// One choice from a list.
    Select,
    /// Any number of choices from a list.
    Checkboxes,
    /// A value carried along, not shown.
    Hidden,
}

/// One option of a select or checkbox group.
#[derive(Debug, Clone)]
pub struct Choice {
    /// The value sent.
    pub value: String,
    /// The text shown.
    pub label: String,
    /// Whether it is selected or checked.
    pub selected: bool,
}

/// One form field.
#[derive(Debug, Clone)]
pub struct Field {
    /// The `name` sent.
    pub name: String,
    /// The element id (derived from the name).
    pub id: String,
    /// The label.
    pub label: String,
    /// The kind of input.
    pub kind: FieldKind,
    /// The current value.
    pub value: String,
    /// A hint shown under the label.
    pub hint: Option<String>,
    /// The error for this field, if any.
    pub error: Option<String>,
    /// Whether the field must be filled in.
    pub required: bool,
    /// The `autocomplete` attribute.
    pub autocomplete: Option<&'static str>,
    /// Options of a select or checkbox group.
    pub choices: Vec<Choice>,
    /// The `lang` of the value, when it is a text in a given language.
    pub lang: Option<&'static str>,
    /// The largest accepted length, when limited.
    pub maxlength: Option<usize>,
}

impl Field {
    /// A field of `kind` named `name` with `label`.
    pub fn new(kind: FieldKind, name: &str, label: String) -> Field {
        Field {
            id: format!("f-{}", name.replace(['[', ']', '.'], "-")),
            name: name.to_owned(),
            label,
            kind,
            value: String::new(),
            hint: None,
            error: None,
            required: false,
            autocomplete: None,
            choices: Vec::new(),
            lang: None,
            maxlength: None,
        }
    }

    /// Sets the value.
    pub fn value(mut self, v: impl Into<String>) -> Field {
        self.value = v.into();
        self
    }

    /// Marks the field required.
    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    /// Sets a hint.
    pub fn hint(mut self, h: String) -> Field {
        self.hint = Some(h);
        self
    }

    /// Sets the autocomplete attribute.
    pub fn autocomplete(mut self, a: &'static str) -> Field {
        self.autocomplete = Some(a);
        self
    }

    /// Sets the choices.
    pub fn choices(mut self, c: Vec<Choice>) -> Field {
        self.choices = c;
        self
    }

    /// Sets the language of the value.
    pub fn lang(mut self, l: &'static str) -> Field {
        self.lang = Some(l);
        self
    }

    /// Limits the length.
    pub fn maxlength(mut self, n: usize) -> Field {
        self.maxlength = Some(n);
        self
    }

    /// True for a select.
    pub fn is_select(&self) -> bool {
        self.kind == FieldKind::Select
    }

    /// True for a checkbox group.
    pub fn is_checkboxes(&self) -> bool {
        self.kind == FieldKind::Checkboxes
    }

    /// True for a textarea.
    pub fn is_textarea(&self) -> bool {
        self.kind == FieldKind::Textarea
    }

    /// True for a hidden field.
    pub fn is_hidden(&self) -> bool {
        self.kind == FieldKind::Hidden
    }

    /// The `type` of an `<input>`.
    pub fn input_type(&self) -> &'static str {
        match self.kind {
            FieldKind::Email => "email",
            FieldKind::Password => "password",
            FieldKind::Url => "url",
            FieldKind::Number => "number",
            FieldKind::Hidden => "hidden",
            _ => "text",
        }
    }

    /// The ids the input is described by (hint and error).
    pub fn describedby(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.id));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.id));
        }
        ids.join(" ")
    }
}

/// A group of fields, optionally in a fieldset with a legend.
#[derive(Debug, Clone)]
pub struct Section {
    /// The legend; `None` for no fieldset.
    pub legend: Option<String>,
    /// The fields.
    pub fields: Vec<Field>,
}

/// A whole form page.
#[derive(Debug, Clone)]
pub struct FormView {
    /// Text above the form.
    pub intro: Vec<String>,
    /// Where it posts.
    pub action: String,
    /// The CSRF token.
    pub csrf: String,
    /// The sections.
    pub sections: Vec<Section>,
    /// The submit button's text.
    pub submit: String,
    /// Links under the form.
    pub links: Vec<crate::kit::urls::Link>,
    /// A message for the whole form (e.g. "wrong e-mail or password").
    pub form_error: Option<String>,
    /// A notice shown above the form (e.g. "saved").
    pub notice: Option<String>,
}

impl FormView {
    /// Every field error, for the summary at the top.
    pub fn errors(&self) -> Vec<(String, String)> {
        self.sections
            .iter()
            .flat_map(|s| s.fields.iter())
            .filter_map(|f| {
                f.error
                    .as_ref()
                    .map(|e| (f.id.clone(), format!("{}: {e}", f.label)))
            })
            .collect()
    }

    /// Sets the error of the field named `name`.
    pub fn set_error(&mut self, name: &str, message: String) {
        for s in &mut self.sections {
            for f in &mut s.fields {
                if f.name == name {
                    f.error = Some(message);
                    return;
                }
            }
        }
        self.form_error = Some(message);
    }

    /// True when any field or the form has an error.
    pub fn has_errors(&self) -> bool {
        self.form_error.is_some() || !self.errors().is_empty()
    }
}

/// What an upload form (a file, "only check", its CSRF token) sent.
pub struct Upload {
    /// The CSRF token.
    pub csrf: Option<String>,
    /// The file's bytes, when one was chosen.
    pub file: Option<axum::body::Bytes>,
    /// Whether "only check" was ticked.
    pub dry_run: bool,
}

impl Upload {
    /// Reads the multipart body of an import form; a file over the route's body limit is `TooLarge`.
    pub async fn read(
        request: axum::extract::Request,
    ) -> Result<Upload, crate::kit::error::WebError> {
        use crate::kit::error::WebError;
        use axum::extract::{FromRequest, Multipart};
        let mut multipart = Multipart::from_request(request, &())
            .await
            .map_err(|e| WebError::BadBody(e.body_text()))?;
        let mut upload = Upload {
            csrf: None,
            file: None,
            dry_run: false,
        };
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|e| WebError::BadBody(e.to_string()))?
        {
            match field.name().unwrap_or_default() {
                "csrf" => {
                    upload.csrf = Some(
                        field
                            .text()
                            .await
                            .map_err(|e| WebError::BadBody(e.to_string()))?,
                    );
                }
                "dry_run" => upload.dry_run = true,
                "file" => {
                    let bytes = field.bytes().await.map_err(|e| {
                        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                            WebError::TooLarge
                        } else {
                            WebError::BadBody(e.to_string())
                        }
                    })?;
                    upload.file = Some(bytes).filter(|b| !b.is_empty());
                }
                _ => {}
            }
        }
        Ok(upload)
    }
}
