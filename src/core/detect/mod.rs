//! Detectors: browser-free functions that find candidate annotations in a text (one
//! module per detector). They only read the text; turning their findings into
//! suggestions the user accepts or rejects is the app's business.

pub mod quotes;
