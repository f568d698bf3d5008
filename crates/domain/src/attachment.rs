//! Files attached to access requests: which types are accepted, how a file proves it is what its name says
//! (its first bytes), and how a name is made safe to show and to send back.

use serde::Serialize;

/// The largest accepted attachment: 10 MiB.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// The most attachments one request can carry.
pub const MAX_PER_REQUEST: usize = 20;

vocabulary! {
    /// An accepted file type.
    FileType {
        /// PDF document.
        Pdf = "pdf",
        /// PNG image.
        Png = "png",
        /// JPEG image.
        Jpeg = "jpeg",
        /// Word document (Office Open XML).
        Docx = "docx",
        /// Excel workbook (Office Open XML).
        Xlsx = "xlsx",
        /// Plain text.
        Txt = "txt",
        /// Comma-separated values.
        Csv = "csv",
    }
}

impl FileType {
    /// The MIME type it is served with.
    pub fn mime(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Png => "image/png",
            FileType::Jpeg => "image/jpeg",
            FileType::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            FileType::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileType::Txt => "text/plain; charset=utf-8",
            FileType::Csv => "text/csv; charset=utf-8",
        }
    }

    fn from_extension(ext: &str) -> Option<FileType> {
        match ext.to_ascii_lowercase().as_str() {
            "pdf" => Some(FileType::Pdf),
            "png" => Some(FileType::Png),
            "jpg" | "jpeg" => Some(FileType::Jpeg),
            "docx" => Some(FileType::Docx),
            "xlsx" => Some(FileType::Xlsx),
            "txt" => Some(FileType::Txt),
            "csv" => Some(FileType::Csv),
            _ => None,
        }
    }

    /// True when `bytes` start the way a file of this type does.
    fn matches(self, bytes: &[u8]) -> bool {
        match self {
            FileType::Pdf => bytes.starts_with(b"%PDF-"),
            FileType::Png => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            FileType::Jpeg => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
            // Office files are ZIP archives whose first entry is normally `[Content_Types].xml`.
            FileType::Docx | FileType::Xlsx => {
                bytes.starts_with(b"PK\x03\x04")
                    && bytes.len() > 30
                    && bytes
                        .windows(19)
                        .take(4096)
                        .any(|w| w == b"[Content_Types].xml")
            }
            FileType::Txt | FileType::Csv => {
                std::str::from_utf8(bytes).is_ok() && !bytes.contains(&0)
            }
        }
    }
}

/// Why a file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
pub enum AttachmentError {
    /// Nothing was uploaded.
    #[error("the file is empty")]
    Empty,
    /// Over the size limit.
    #[error("the file is larger than 10 MB")]
    TooLarge,
    /// The extension is not one of the accepted types.
    #[error("files of this type are not accepted")]
    TypeNotAccepted,
    /// The content does not match the name (an executable called `.pdf`).
    #[error("the file's content does not match its type")]
    Disguised,
    /// The request already has the most files it can.
    #[error("a request can carry at most 20 files")]
    TooMany,
}

/// A file that passed the checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedFile {
    /// A safe name to show and send back.
    pub name: String,
    /// Its type.
    pub file_type: FileType,
}

/// Makes a file name safe: the last path component, no control characters or quotes, at most 120 characters,
/// never empty.
pub fn safe_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or(raw);
    let cleaned: String = base
        .chars()
        .filter(|c| {
            !c.is_control()
                && !crate::text::is_bidi_control(*c)
                && !matches!(c, '"' | '<' | '>' | '|' | '*' | '?' | ':')
        })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    if cleaned.is_empty() {
        return "file".to_owned();
    }
    if cleaned.chars().count() <= 120 {
        return cleaned.to_owned();
    }
    // Keep the extension when shortening.
    let (stem, ext) = cleaned.rsplit_once('.').unwrap_or((cleaned, ""));
    let keep = 120 - ext.chars().count().min(10) - 1;
    let stem: String = stem.chars().take(keep).collect();
    if ext.is_empty() || ext.chars().count() > 10 {
        cleaned.chars().take(120).collect()
    } else {
        format!("{stem}.{ext}")
    }
}

/// Checks an upload named `name` with content `bytes`.
pub fn check(name: &str, bytes: &[u8]) -> Result<CheckedFile, AttachmentError> {
    if bytes.is_empty() {
        return Err(AttachmentError::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(AttachmentError::TooLarge);
    }
    let name = safe_name(name);
    let file_type = name
        .rsplit_once('.')
        .and_then(|(_, ext)| FileType::from_extension(ext))
        .ok_or(AttachmentError::TypeNotAccepted)?;
    if !file_type.matches(bytes) {
        return Err(AttachmentError::Disguised);
    }
    Ok(CheckedFile { name, file_type })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn real_files_pass_and_disguised_ones_do_not() {
        assert_eq!(
            check("plan.pdf", b"%PDF-1.7\n...").map(|f| f.file_type),
            Ok(FileType::Pdf)
        );
        assert_eq!(
            check("notes.TXT", "Behov: GMP-tillverkning".as_bytes()).map(|f| f.file_type),
            Ok(FileType::Txt)
        );
        assert_eq!(
            check("plan.pdf", b"MZ\x90\x00 executable"),
            Err(AttachmentError::Disguised)
        );
        assert_eq!(
            check("data.txt", b"\x7fELF\x00\x00"),
            Err(AttachmentError::Disguised)
        );
        assert_eq!(
            check("tool.exe", b"MZ"),
            Err(AttachmentError::TypeNotAccepted)
        );
        assert_eq!(check("x.pdf", b""), Err(AttachmentError::Empty));
        assert_eq!(
            check("big.txt", &vec![b'a'; MAX_BYTES + 1]),
            Err(AttachmentError::TooLarge)
        );
        assert_eq!(
            check(
                "plain.docx",
                b"PK\x03\x04 but no content types here at all......"
            ),
            Err(AttachmentError::Disguised)
        );
    }

    #[test]
    fn names_are_made_safe() {
        assert_eq!(safe_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_name("C:\\Users\\a\\plan.pdf"), "plan.pdf");
        assert_eq!(safe_name("\"evil\"\r\nname.pdf"), "evilname.pdf");
        assert_eq!(safe_name("..."), "file");
        let long = format!("{}.pdf", "å".repeat(300));
        let safe = safe_name(&long);
        assert!(safe.ends_with(".pdf") && safe.chars().count() <= 120);
    }

    proptest! {
        #[test]
        fn safe_names_are_always_safe(raw in "(\\PC|[\u{202a}-\u{202e}\u{2066}-\u{2069}\u{200e}\u{200f}]){0,300}") {
            let s = safe_name(&raw);
            prop_assert!(!s.is_empty() && s.chars().count() <= 120);
            prop_assert!(!s.chars().any(crate::text::is_bidi_control), "{:?}", s);
            prop_assert!(!s.contains(['/', '\\', '"', '\r', '\n']));
            prop_assert!(!s.starts_with('.'));
        }

        #[test]
        fn accepted_files_always_start_as_their_type_does(name in "[a-z]{1,8}\\.(pdf|png|jpg|txt|csv|exe)", bytes in prop::collection::vec(any::<u8>(), 0..64)) {
            if let Ok(f) = check(&name, &bytes) {
                prop_assert!(f.file_type.matches(&bytes));
                prop_assert!(!name.ends_with(".exe"));
            }
        }
    }
}
