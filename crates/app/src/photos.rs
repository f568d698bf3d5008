//! Photos of premises, checked and made safe to publish: only JPEG and PNG are read (told by their first bytes,
//! not their name), within limits on bytes and pixels that keep a hostile file from exhausting memory, scaled
//! down to at most [`MAX_EDGE`] pixels on the longer side, and written anew as JPEG — which also drops every
//! piece of metadata the camera put in (the place it was taken among them).

use image::{ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// The largest upload, in bytes.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// The longer side of a published photo, in pixels.
pub const MAX_EDGE: u32 = 1600;
/// The most pixels a photo may have before it is scaled (a 50-megapixel camera's).
const MAX_PIXELS: u32 = 12_000;

/// A photo ready to publish.
#[derive(Debug, Clone)]
pub struct Photo {
    /// JPEG bytes.
    pub jpeg: Vec<u8>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// Why a file is not taken as a photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    /// Empty.
    #[error("the file is empty")]
    Empty,
    /// Larger than [`MAX_BYTES`].
    #[error("the file is too large")]
    TooLarge,
    /// Not a JPEG or PNG image.
    #[error("not a JPEG or PNG image")]
    NotAnImage,
    /// Wider or taller than the limit, or broken.
    #[error("the image cannot be read")]
    Unreadable,
}

impl PhotoError {
    /// The name of the message that explains it.
    pub fn key(self) -> &'static str {
        match self {
            PhotoError::Empty => "photo-error-empty",
            PhotoError::TooLarge => "photo-error-large",
            PhotoError::NotAnImage => "photo-error-type",
            PhotoError::Unreadable => "photo-error-unreadable",
        }
    }
}

/// Checks, scales and re-encodes `bytes`.
pub fn prepare(bytes: &[u8]) -> Result<Photo, PhotoError> {
    if bytes.is_empty() {
        return Err(PhotoError::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(PhotoError::TooLarge);
    }
    let format = match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Jpeg | ImageFormat::Png)) => f,
        _ => return Err(PhotoError::NotAnImage),
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_PIXELS);
    limits.max_image_height = Some(MAX_PIXELS);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let img = reader.decode().map_err(|_| PhotoError::Unreadable)?;
    let img = if img.width().max(img.height()) > MAX_EDGE {
        img.resize(MAX_EDGE, MAX_EDGE, image::imageops::FilterType::Triangle)
    } else {
        img
    };
    let rgb = img.to_rgb8();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85)
        .encode_image(&rgb)
        .map_err(|_| PhotoError::Unreadable)?;
    Ok(Photo {
        jpeg,
        width: rgb.width(),
        height: rgb.height(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        });
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .expect("png");
        out
    }

    #[test]
    fn a_large_png_is_scaled_and_written_as_jpeg() {
        let photo = prepare(&png(3200, 1000)).expect("photo");
        assert_eq!((photo.width, photo.height), (1600, 500));
        assert!(photo.jpeg.starts_with(&[0xFF, 0xD8, 0xFF]));
        let small = prepare(&png(40, 30)).expect("photo");
        assert_eq!((small.width, small.height), (40, 30));
    }

    #[test]
    fn what_is_not_a_photo_is_refused_by_its_bytes() {
        assert_eq!(prepare(b"").expect_err("refused"), PhotoError::Empty);
        assert_eq!(
            prepare(b"%PDF-1.7 ...").expect_err("refused"),
            PhotoError::NotAnImage
        );
        assert_eq!(
            prepare(b"<svg xmlns='http://www.w3.org/2000/svg'/>").expect_err("refused"),
            PhotoError::NotAnImage
        );
        let mut broken = png(10, 10);
        broken.truncate(40);
        assert_eq!(
            prepare(&broken).expect_err("refused"),
            PhotoError::Unreadable
        );
        assert_eq!(
            prepare(&vec![0xFF; MAX_BYTES + 1]).expect_err("refused"),
            PhotoError::TooLarge
        );
    }

    proptest! {
        /// No byte string makes preparing panic, and whatever it accepts is a JPEG within the size limit.
        #[test]
        fn any_bytes_are_refused_or_made_a_small_jpeg(mut bytes in prop::collection::vec(any::<u8>(), 0..2048), png_head in any::<bool>()) {
            if png_head {
                let mut head = png(4, 4);
                head.truncate(33);
                head.extend(bytes);
                bytes = head;
            }
            if let Ok(photo) = prepare(&bytes) {
                prop_assert!(photo.jpeg.starts_with(&[0xFF, 0xD8]));
                prop_assert!(photo.width.max(photo.height) <= MAX_EDGE);
            }
        }
    }
}
