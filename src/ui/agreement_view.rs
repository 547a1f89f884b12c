//! The compare view's side panel: the "Agreement" region (the figures, each saying what
//! it counts, from `core::agreement`) and the "Disagreements" list (in document order;
//! the current one has "Take A", "Take B", "Take both", "Take neither"; in the list the
//! keys 1, 2, 3 and 0 take, the arrows move), "Take all agreed" and "Close comparison".
//! When bundles are compared, the table "Agreement per document" gives each document's
//! figures and the pooled ones, and "Adjudicate" opens another document's comparison.

use super::intent::Intent;
use super::panels::PanelChange;
use crate::core::agreement::stats::{shown as fig, Ratio};
use crate::core::document::Document;
use crate::core::messages::{capitalise, preview};
use crate::core::provenance::{Kind, Take};
use crate::core::reduce::adjudicate::Session;
use crate::core::store::Action;
use std::rc::Rc;
use web_sys::KeyboardEvent;
use yew::prelude::*;

/// Properties of [`AgreementView`].
#[derive(Properties, PartialEq)]
pub struct AgreementProps {
    /// The adjudicated document.
    pub doc: Rc<Document>,
    /// The comparison.
    pub session: Rc<Session>,
    /// The disagreement the list is at.
    pub current: usize,
    /// Where intents go.
    pub on_intent: Callback<Intent>,
}


fn ratio(r: &Ratio) -> String {
    format!("{} ({}/{})", fig(r.value), r.part, r.whole)
}

/// The panel.
#[function_component(AgreementView)]
pub fn agreement_view(props: &AgreementProps) -> Html {
    let s = &props.session;
    let f = &s.agreement;
    let (a, b) = (s.coders[0].clone(), s.coders[1].clone());
    let emit = |intent: Intent| {
        let on_intent = props.on_intent.clone();
        Callback::from(move |_: MouseEvent| on_intent.emit(intent.clone()))
    };
    let pair = f.pairs.first();
    let rows = f.labels.iter().map(|(l, t)| (l.clone(), t)).chain(std::iter::once(("all labels".to_owned(), &f.overall))).map(|(label, t)| {
        let key = if label == "all labels" { String::new() } else { label.clone() };
        let spans = pair.and_then(|p| p.spans.get(&key));
        html! {
            <tr>
                <th scope="row">{ label }</th>
                <td>{ fig(t.kappa) }</td>
                <td>{ fig(t.alpha) }</td>
                <td>{ spans.map_or("–".into(), |x| fig(x.exact.f1)) }</td>
                <td>{ spans.map_or("–".into(), |x| fig(x.overlap.f1)) }</td>
                <td>{ spans.map_or("–".into(), |x| format!("{}/{}/{}", x.counts.exact, x.counts.first, x.counts.second)) }</td>
            </tr>
        }
    });
    let items = &s.comparison.disagreements;
    let current = props.current.min(items.len().saturating_sub(1));
    let text = |d: &Document, id: Option<crate::core::ids::AnnotationId>| -> String {
        id.and_then(|i| d.annotations.get(i)).map(|x| format!("“{}” ({})", preview(d.text_of(x)), x.label)).unwrap_or_else(|| "—".into())
    };
    let describe = |i: usize| -> String {
        let d = &items[i];
        let decided = s.decided(&props.doc, i).map(|t| format!(" — took {}", match t {
            Take::First => "A",
            Take::Second => "B",
            Take::Both => "both",
            Take::Neither => "neither",
        })).unwrap_or_default();
        match d.kind {
            Kind::OnlyFirst => format!("Only {a}: {}{decided}", text(&s.docs[0], d.first)),
            Kind::OnlySecond => format!("Only {b}: {}{decided}", text(&s.docs[1], d.second)),
            Kind::OtherSpeakers => format!("Speakers of {}: {a} and {b} differ{decided}", text(&s.docs[0], d.first)),
            kind => format!("{}: {a} {} / {b} {}{decided}", capitalise(kind.describe()), text(&s.docs[0], d.first), text(&s.docs[1], d.second)),
        }
    };
    let decided = (0..items.len()).filter(|&i| s.decided(&props.doc, i).is_some()).count();
    let onkeydown = {
        let (on_intent, n) = (props.on_intent.clone(), items.len());
        Callback::from(move |e: KeyboardEvent| {
            if n == 0 {
                return;
            }
            let take = |t| Intent::Do(Action::Take { index: current, take: t });
            let intent = match e.key().as_str() {
                "1" => take(Take::First),
                "2" => take(Take::Second),
                "3" => take(Take::Both),
                "0" => take(Take::Neither),
                "ArrowDown" => Intent::Panel(PanelChange::FocusDisagreement((current + 1).min(n - 1))),
                "ArrowUp" => Intent::Panel(PanelChange::FocusDisagreement(current.saturating_sub(1))),
                _ => return,
            };
            // The page's own shortcuts (1, 2, 3 label text) must not see it.
            e.prevent_default();
            e.stop_propagation();
            on_intent.emit(intent);
        })
    };
    let list = items.iter().enumerate().map(|(i, d)| {
        let selected = i == current;
        let focus = {
            let on_intent = props.on_intent.clone();
            let span = d.span;
            Callback::from(move |_: MouseEvent| {
                on_intent.emit(Intent::Panel(PanelChange::FocusDisagreement(i)));
                on_intent.emit(Intent::SelectSpan(span));
            })
        };
        html! {
            <li role="option" aria-selected={selected.to_string()} class={classes!("suggestion", selected.then_some("current"), format!("kind-{}", d.kind.id()))}
                onclick={focus}>{ describe(i) }</li>
        }
    });
    let bundle = s.bundle.as_ref().filter(|_| s.several().is_some()).map(|b| {
        let summary = |f: &crate::core::agreement::Agreement| {
            let f1 = f.pairs.first().and_then(|p| p.spans.get("")).and_then(|x| x.exact.f1);
            html! { <><td>{ f.tokens }</td><td>{ fig(f.overall.kappa) }</td><td>{ fig(f.overall.alpha) }</td><td>{ fig(f1) }</td></> }
        };
        let rows = b.documents.iter().enumerate().map(|(i, m)| {
            let shown = Rc::ptr_eq(&m.docs[0], &s.docs[0]);
            let open = {
                let (on_intent, b) = (props.on_intent.clone(), b.clone());
                Callback::from(move |_: MouseEvent| {
                    if let Ok((session, doc)) = Session::of_bundle(b.clone(), i) {
                        on_intent.emit(Intent::Do(Action::Compare { session: Box::new(session), doc: Box::new(doc) }));
                    }
                })
            };
            html! {
                <tr class={classes!(shown.then_some("current"))}>
                    <th scope="row">{ preview(&m.title) }</th>
                    { summary(&m.figures) }
                    <td>
                        if shown { { "shown" } } else {
                            <button type="button" onclick={open} aria-label={format!("Adjudicate “{}”", preview(&m.title))}>{ "Adjudicate" }</button>
                        }
                    </td>
                </tr>
            }
        });
        html! {
            <>
                <div class="table-scroll"><table class="figures" aria-label="Agreement per document">
                    <thead>
                        <tr>
                            <th scope="col">{ "document" }</th>
                            <th scope="col">{ "tokens" }</th>
                            <th scope="col">{ format!("{} κ", f.kappa_kind) }</th>
                            <th scope="col">{ "α" }</th>
                            <th scope="col">{ "F1 exact" }</th>
                            <th scope="col"></th>
                        </tr>
                    </thead>
                    <tbody>
                        { for rows }
                        <tr class="pooled"><th scope="row">{ format!("All {}, pooled", b.documents.len()) }</th>{ summary(&b.pooled_figures) }<td></td></tr>
                    </tbody>
                </table></div>
                if !b.missing.is_empty() {
                    <p class="hint">{ format!("Not compared (not in every file): {}.", b.missing.iter().map(|t| format!("“{}”", preview(t))).collect::<Vec<_>>().join(", ")) }</p>
                }
            </>
        }
    });
    let agreed = props.doc.adjudication.as_ref().is_some_and(|j| j.agreed);
    html! {
        <section class="agreement list-panel" aria-label="Agreement">
            <h2>{ format!("Agreement: {}", s.coders.join(", ")) }</h2>
            if s.several().is_some() {
                <p class="why">{ format!("“{}”", preview(&s.docs[0].title)) }</p>
            }
            <div class="table-scroll"><table class="figures" aria-label="Agreement figures">
                <thead>
                    <tr>
                        <th scope="col">{ "label" }</th>
                        <th scope="col" title="Tokens (words and signs), each coded by the labels covering it">{ format!("{} κ", f.kappa_kind) }</th>
                        <th scope="col" title="Krippendorff's alpha, nominal, on the same token codings">{ "α" }</th>
                        <th scope="col" title="Annotations at the same span with the same label">{ "F1 exact" }</th>
                        <th scope="col" title="Annotations overlapping with the same label">{ "F1 overlap" }</th>
                        <th scope="col" title="Exact matches / annotations of the first / of the second">{ "same/A/B" }</th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table></div>
            { for bundle }
            if let Some(p) = pair {
                <p>{ format!("Quotes in both: speakers agree {}, cues agree {}. Entities: B-cubed F1 {} over {} mention(s) in both.", ratio(&p.speakers), ratio(&p.cues), fig(p.bcubed.f1), p.bcubed.precision.whole) }</p>
            }
            <div class="choices">
                <button type="button" class="primary" onclick={emit(Intent::Do(Action::TakeAgreed))} disabled={agreed}>
                    { format!("Take all agreed ({})", s.comparison.agreed.len()) }
                </button>
                <button type="button" onclick={emit(Intent::Do(Action::CloseComparison))}>{ "Close comparison" }</button>
            </div>
            <h3>{ format!("Disagreements ({}, {decided} decided)", items.len()) }</h3>
            if let Some(d) = items.get(current) {
                <div class="current-suggestion">
                    <p class="why">{ describe(current) }</p>
                    <button type="button" onclick={emit(Intent::Do(Action::Take { index: current, take: Take::First }))} title={format!("{a}'s version (1)")}>{ "Take A" }</button>
                    <button type="button" onclick={emit(Intent::Do(Action::Take { index: current, take: Take::Second }))} title={format!("{b}'s version (2)")}>{ "Take B" }</button>
                    if d.kind != Kind::OnlyFirst && d.kind != Kind::OnlySecond {
                        <button type="button" onclick={emit(Intent::Do(Action::Take { index: current, take: Take::Both }))} title="Both (3)">{ "Take both" }</button>
                    }
                    <button type="button" onclick={emit(Intent::Do(Action::Take { index: current, take: Take::Neither }))} title="Neither (0)">{ "Take neither" }</button>
                </div>
                <ul class="suggestion-list" role="listbox" tabindex="0" aria-label="Disagreements" {onkeydown}>{ for list }</ul>
                <p class="hint">{ "In the list: 1 takes A, 2 takes B, 3 both, 0 neither; ↑ ↓ move. Each is one step Undo takes back." }</p>
            } else {
                <p class="hint">{ "The coders agree on everything." }</p>
            }
            <p class="hint">{ format!("{} tokens (words and signs). κ and α: each token coded by the labels covering it, per label (covered or not) and over all labels (the set). F1: {b} against {a}; exact is the same span and label, overlap the same label over overlapping spans. – is undefined (one category only, or nothing to compare).", f.tokens) }</p>
        </section>
    }
}

