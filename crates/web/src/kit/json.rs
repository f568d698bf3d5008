//! Reading JSON request bodies: the one parser every API write uses.

use crate::kit::error::WebError;

/// Parses a request body as JSON and removes the bidi controls from every string in it (see `domain::text`),
/// so a name sent through the API cannot show itself in another order than it is stored. What is not JSON is
/// refused as a bad body; the caller decides what shapes it accepts.
pub fn body(bytes: &[u8]) -> Result<serde_json::Value, WebError> {
    let mut json: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| WebError::BadBody(e.to_string()))?;
    clean(&mut json);
    Ok(json)
}

/// [`body`], refusing anything but a JSON object as a bad body.
pub fn object_body(bytes: &[u8]) -> Result<serde_json::Value, WebError> {
    let json = body(bytes)?;
    if !json.is_object() {
        return Err(WebError::BadBody("expected a JSON object".into()));
    }
    Ok(json)
}

fn clean(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) if s.chars().any(domain::text::is_bidi_control) => {
            *s = domain::text::without_bidi_controls(s);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(clean),
        serde_json::Value::Object(map) => map.values_mut().for_each(clean),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_lose_their_direction_controls_at_any_depth() {
        let body = br#"{"a": "x\u202ey", "b": [{"c": "\u2066z"}], "n": 1}"#;
        let json = object_body(body).expect("object");
        assert_eq!(
            json,
            serde_json::json!({"a": "xy", "b": [{"c": "z"}], "n": 1})
        );
        assert!(object_body(b"[1]").is_err());
        assert!(object_body(b"{").is_err());
    }
}
