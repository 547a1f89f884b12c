//! Colour arithmetic for the highlights: how strongly a label's colour may fill the text
//! behind it, in the light and the dark scheme, so that the text keeps a contrast of at
//! least [`MIN_CONTRAST`] (WCAG 2.2 SC 1.4.3) whatever colour a schema gives the label.
//!
//! A highlight is the label colour at alpha `a` over the paper; its text is the ink.
//! [`fill_alpha`] is the largest alpha up to the scheme's usual strength whose composite
//! keeps the contrast; a colour too close to the ink gets a lighter fill, never unreadable
//! text. Contrast and relative luminance follow WCAG 2.2's definitions (sRGB, gamma
//! expanded; `(L1 + 0.05) / (L2 + 0.05)`).
//!
//! ```
//! use marginalia::core::colors::{contrast, fill_alpha, fill, Rgb, DARK, LIGHT};
//! let yellow = Rgb::parse("#f2d15c").unwrap();
//! for scheme in [LIGHT, DARK] {
//!     let a = fill_alpha(yellow, scheme);
//!     assert!(contrast(scheme.ink, fill(yellow, a, scheme)) >= 4.5);
//! }
//! ```

/// The least text contrast a highlight keeps.
pub const MIN_CONTRAST: f64 = 4.5;

/// A colour in sRGB, 8 bits a channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, or `None`.
    pub fn parse(hex: &str) -> Option<Rgb> {
        let digits = hex.strip_prefix('#').filter(|d| d.len() == 6 && d.bytes().all(|b| b.is_ascii_hexdigit()))?;
        let channel = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).ok();
        Some(Rgb(channel(0)?, channel(2)?, channel(4)?))
    }

    /// WCAG relative luminance, 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        let expand = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * expand(self.0) + 0.7152 * expand(self.1) + 0.0722 * expand(self.2)
    }
}

/// A colour scheme's paper (the article's background), ink (its text), and the alpha a
/// label fill has when contrast allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scheme {
    /// Background of the article.
    pub paper: Rgb,
    /// Text of the article.
    pub ink: Rgb,
    /// Alpha of an entity's fill, 0–255, before contrast lowers it.
    pub alpha: u8,
}

/// The light scheme (`--paper` and `--ink` in `static/style.css`).
pub const LIGHT: Scheme = Scheme { paper: Rgb(0xfb, 0xfa, 0xf7), ink: Rgb(0x1b, 0x1f, 0x24), alpha: 0x73 };

/// The dark scheme (the same variables under `prefers-color-scheme: dark`).
pub const DARK: Scheme = Scheme { paper: Rgb(0x1a, 0x1d, 0x21), ink: Rgb(0xe8, 0xe6, 0xe1), alpha: 0x66 };

/// Contrast ratio of two colours, 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `color` at `alpha` (0–255) over the scheme's paper, as the browser composites it.
pub fn fill(color: Rgb, alpha: u8, scheme: Scheme) -> Rgb {
    let a = f64::from(alpha) / 255.0;
    let mix = |c: u8, p: u8| (f64::from(c) * a + f64::from(p) * (1.0 - a)).round() as u8;
    Rgb(mix(color.0, scheme.paper.0), mix(color.1, scheme.paper.1), mix(color.2, scheme.paper.2))
}

/// `color` mixed towards the ink until a line drawn in it stands out from the paper by
/// [`MIN_LINE_CONTRAST`] (SC 1.4.11): underlines of quotes, cues and suggestions.
pub fn line(color: Rgb, scheme: Scheme) -> Rgb {
    let mix = |t: f64| {
        let m = |c: u8, i: u8| (f64::from(c) * (1.0 - t) + f64::from(i) * t).round() as u8;
        Rgb(m(color.0, scheme.ink.0), m(color.1, scheme.ink.1), m(color.2, scheme.ink.2))
    };
    (0..=20).map(|step| mix(f64::from(step) / 20.0)).find(|&c| contrast(c, scheme.paper) >= MIN_LINE_CONTRAST).unwrap_or(scheme.ink)
}

/// The least contrast of a line (an underline) against the paper.
pub const MIN_LINE_CONTRAST: f64 = 3.0;

/// `#rrggbb` of a colour.
pub fn hex(color: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", color.0, color.1, color.2)
}

/// The strongest fill alpha, up to the scheme's, that keeps the ink at [`MIN_CONTRAST`]
/// over `color` (0 if none does: then the paper alone is behind the text).
pub fn fill_alpha(color: Rgb, scheme: Scheme) -> u8 {
    (0..=scheme.alpha).rev().find(|&a| contrast(scheme.ink, fill(color, a, scheme)) >= MIN_CONTRAST).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_the_wcag_definition() {
        assert!((contrast(Rgb(0, 0, 0), Rgb(255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast(Rgb(0x77, 0x77, 0x77), Rgb(255, 255, 255)) - 4.48).abs() < 0.01);
        assert_eq!(contrast(Rgb(9, 9, 9), Rgb(9, 9, 9)), 1.0);
    }

    #[test]
    fn the_schemes_own_text_is_readable() {
        for scheme in [LIGHT, DARK] {
            assert!(contrast(scheme.ink, scheme.paper) >= 7.0);
        }
    }

    #[test]
    fn every_colour_gets_a_readable_fill_in_both_schemes() {
        for r in (0..=255).step_by(17) {
            for g in (0..=255).step_by(17) {
                for b in (0..=255).step_by(17) {
                    let color = Rgb(r as u8, g as u8, b as u8);
                    for scheme in [LIGHT, DARK] {
                        let a = fill_alpha(color, scheme);
                        assert!(contrast(scheme.ink, fill(color, a, scheme)) >= MIN_CONTRAST, "{color:?} at {a}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_colour_that_allows_it_keeps_the_full_fill() {
        assert_eq!(fill_alpha(Rgb(0x6f, 0xb7, 0xe9), LIGHT), LIGHT.alpha);
        assert!(fill_alpha(Rgb(0xff, 0xff, 0xff), DARK) < DARK.alpha, "white behind light ink is lightened");
    }

    #[test]
    fn lines_stand_out_from_the_paper() {
        for color in [Rgb(0xf2, 0xd1, 0x5c), Rgb(0xff, 0xff, 0xff), Rgb(0, 0, 0), Rgb(0x8d, 0x99, 0xae)] {
            for scheme in [LIGHT, DARK] {
                assert!(contrast(line(color, scheme), scheme.paper) >= MIN_LINE_CONTRAST, "{color:?}");
            }
        }
        assert_eq!(line(Rgb(0x1d, 0x4e, 0xd8), LIGHT), Rgb(0x1d, 0x4e, 0xd8), "a dark blue stays as it is on light paper");
    }

    #[test]
    fn parse_takes_only_six_hex_digits() {
        assert_eq!(Rgb::parse("#A0b1C2"), Some(Rgb(0xa0, 0xb1, 0xc2)));
        assert_eq!(Rgb::parse("#a0b1c"), None);
        assert_eq!(Rgb::parse("red"), None);
    }
}
