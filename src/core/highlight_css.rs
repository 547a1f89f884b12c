//! The style sheet of the highlight layers (`core::paint`), for both ways glue draws them
//! (the CSS Custom Highlight API and the overlay boxes) and both colour schemes.
//!
//! Format: for each layer a rule `::highlight(NAME){…}` and a rule `.overlay .NAME{…}`,
//! first for the light scheme, then again inside `@media (prefers-color-scheme: dark){…}`.
//! How each kind of label looks, so that every kind is told apart without colour too:
//!
//! | layer | look |
//! |---|---|
//! | entity label | a fill of its colour, at the alpha `colors::fill_alpha` allows |
//! | quote label | a faint fill and a solid underline |
//! | cue label | a double underline, no fill |
//! | suggestion with label *i* (`mg-s{i}`) | a dashed underline in that label's colour, no fill |
//! | the current suggestion | a yellow fill and a dashed underline |
//! | selected / linked | a blue tint and a thick underline / a wavy underline |
//!
//! Underlines use `colors::line` (at least 3:1 against the paper); a colour that is not
//! plain `#rrggbb` is drawn grey.

use super::colors::{fill_alpha, hex, line, Rgb, Scheme, DARK, LIGHT};
use super::labels::{is_valid_color, LabelKind, LabelSet};
use super::paint::Layer;

const GREY: Rgb = Rgb(0x99, 0x99, 0x99);

/// The style sheet for every layer of `labels`, light scheme then dark.
///
/// ```
/// use marginalia::core::{highlight_css::style_sheet, labels::LabelSet};
/// let css = style_sheet(&LabelSet::default());
/// assert!(css.contains("::highlight(mg-l0){background-color:#f4a26173}"));
/// assert!(css.contains("@media (prefers-color-scheme: dark){"));
/// ```
pub fn style_sheet(labels: &LabelSet) -> String {
    let mut css = scheme_rules(labels, LIGHT, Fixed::LIGHT);
    css.push_str("@media (prefers-color-scheme: dark){\n");
    css.push_str(&scheme_rules(labels, DARK, Fixed::DARK));
    css.push_str("}\n");
    css
}

/// The colours of the layers that do not come from a label.
struct Fixed {
    selected: Rgb,
    suggestion_line: Rgb,
}

impl Fixed {
    const LIGHT: Fixed = Fixed { selected: Rgb(0x1d, 0x4e, 0xd8), suggestion_line: Rgb(0xb4, 0x53, 0x09) };
    const DARK: Fixed = Fixed { selected: Rgb(0x8f, 0xb0, 0xff), suggestion_line: Rgb(0xfb, 0xbf, 0x24) };
}

/// `background-color` of `color` at up to `alpha`, as strong as contrast allows.
fn fill(color: Rgb, alpha: u8, scheme: Scheme) -> String {
    format!("background-color:{}{:02x}", hex(color), fill_alpha(color, scheme).min(alpha))
}

fn rule(css: &mut String, layer: Layer, highlight: &str, overlay: &str) {
    let name = layer.name();
    css.push_str(&format!("::highlight({name}){{{highlight}}}\n.overlay .{name}{{{overlay}}}\n"));
}

fn scheme_rules(labels: &LabelSet, scheme: Scheme, fixed: Fixed) -> String {
    let mut css = String::new();
    for (i, label) in labels.iter().enumerate() {
        let color = if is_valid_color(&label.color) { Rgb::parse(&label.color).unwrap_or(GREY) } else { GREY };
        let (c, a, l) = (hex(color), fill_alpha(color, scheme), hex(line(color, scheme)));
        match label.kind {
            LabelKind::Entity => {
                let fill = format!("background-color:{c}{a:02x}");
                rule(&mut css, Layer::Label(i), &fill, &fill);
            }
            LabelKind::Quote => {
                let fill = format!("background-color:{c}{:02x}", a.min(0x26));
                rule(&mut css, Layer::Label(i), &format!("{fill};text-decoration:underline 2px {l}"), &format!("{fill};border-bottom:2px solid {l}"));
            }
            LabelKind::Cue => rule(
                &mut css,
                Layer::Label(i),
                &format!("text-decoration:underline double 2px {l}"),
                &format!("border-bottom:3px double {l}"),
            ),
        }
        rule(
            &mut css,
            Layer::Suggested(i),
            &format!("text-decoration:underline dashed 2px {l}"),
            &format!("border-bottom:2px dashed {l}"),
        );
    }
    let (selected, tint) = (hex(fixed.selected), fill(fixed.selected, 0x33, scheme));
    rule(&mut css, Layer::Selected, &format!("{tint};text-decoration:underline 3px {selected}"), &format!("outline:2px solid {selected}"));
    rule(&mut css, Layer::Linked, &format!("text-decoration:underline wavy 2px {selected}"), &format!("border-bottom:2px dashed {selected}"));
    let (yellow, dashes) = (fill(Rgb(0xfd, 0xe6, 0x8a), 0x99, scheme), hex(fixed.suggestion_line));
    rule(
        &mut css,
        Layer::Suggestion,
        &format!("{yellow};text-decoration:underline dashed 2px {dashes}"),
        &format!("{yellow};border-bottom:2px dashed {dashes}"),
    );
    // The compare view: Okabe–Ito colours, each also its own shape.
    let okabe = |r, g, b| (hex(line(Rgb(r, g, b), scheme)), Rgb(r, g, b));
    let (blue, orange, (pink, pink_rgb)) = (okabe(0x00, 0x72, 0xb2).0, okabe(0xe6, 0x9f, 0x00).0, okabe(0xcc, 0x79, 0xa7));
    rule(&mut css, Layer::OnlyFirst, &format!("text-decoration:overline 3px {blue}"), &format!("border-top:3px solid {blue}"));
    rule(&mut css, Layer::OnlySecond, &format!("text-decoration:underline dashed 3px {orange}"), &format!("border-bottom:3px dashed {orange}"));
    let conflict = fill(pink_rgb, 0x40, scheme);
    rule(&mut css, Layer::Conflict, &format!("{conflict};text-decoration:underline wavy 2px {pink}"), &format!("{conflict};border-bottom:2px dotted {pink}"));
    let current = fill(Rgb(0xf0, 0xe4, 0x42), 0x99, scheme);
    rule(&mut css, Layer::Disagreement, &current, &current);
    css
}
