//! The caller's own account as data.

use crate::kit::api::ErrorBody;
use crate::kit::caller::Caller;
use crate::kit::error::WebError;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

/// The caller's own account.
#[derive(Serialize, ToSchema)]
pub struct Me {
    /// E-mail address.
    pub email: String,
    /// Display name.
    pub display_name: String,
    /// Roles, each held for an actor (all but admin).
    pub roles: Vec<MeRole>,
}

/// A role the caller holds.
#[derive(Serialize, ToSchema)]
pub struct MeRole {
    /// company, manager, editor, reporter or admin.
    #[schema(example = "editor")]
    pub role: String,
    /// The actor it is held for (none for admin).
    #[schema(example = "vecura")]
    pub actor: Option<String>,
}

/// Who the caller is, and their roles.
#[utoipa::path(
    get, path = "/api/v1/me", tag = "account",
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "The caller", body = Me),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub(crate) async fn me(caller: Caller) -> Result<Json<Me>, WebError> {
    caller.require(&domain::Action::UseOwnAccount)?;
    let user = caller.user.as_ref().ok_or(WebError::Unauthorized)?;
    let principal = caller.principal.as_ref().ok_or(WebError::Unauthorized)?;
    Ok(Json(Me {
        email: user.email.clone(),
        display_name: user.display_name.clone(),
        roles: principal
            .grants()
            .iter()
            .map(|g| MeRole {
                role: g.role.as_str().to_owned(),
                actor: g.actor.as_ref().map(ToString::to_string),
            })
            .collect(),
    }))
}
