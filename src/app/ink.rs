//! The mouse over a slide, in either window, becomes pointer, stroke and zoom commands. Each
//! window reads it through `ui::ink::read_pointer` with its own placement of the slide; only
//! what changed is queued, so a still mouse costs no frames.

use super::RostraApp;
use crate::show::ink::Point;
use crate::show::{Command, Talk};
use crate::ui::ink::{InkEvent, InkLayer};
use eframe::egui;

/// Which window a pointer reading came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Source {
    /// The audience window.
    Audience,
    /// The console's current-slide preview.
    Console,
}

/// What each window last sent as the pointer's place (`None` inside: off the slide).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct PointerSent {
    audience: Option<Option<Point>>,
    console: Option<Option<Point>>,
}

/// The commands for `events` from one window, given what it sent last; `sent` is updated.
fn commands(events: &[InkEvent], sent: &mut Option<Option<Point>>, tracking: bool) -> Vec<Command> {
    let mut out = Vec::new();
    for e in events {
        match *e {
            InkEvent::Pointer(p) => {
                // A window sends its pointer when it changes, so two windows never fight
                // over it: the one the mouse left says so once.
                if tracking && *sent != Some(p) {
                    *sent = Some(p);
                    out.push(Command::PointerAt(p));
                }
            }
            InkEvent::Begin(p) => out.push(Command::StrokeBegin(p)),
            InkEvent::To(p) => out.push(Command::StrokeTo(p)),
            InkEvent::End => out.push(Command::StrokeEnd),
            InkEvent::Zoom(p) => out.push(Command::ToggleZoom(p)),
        }
    }
    out
}

/// What is drawn over the current slide of `talk` at `now`.
pub(super) fn ink_layer(talk: &Talk, now: f64) -> InkLayer<'_> {
    let ink = talk.ink();
    let at = talk.position();
    InkLayer {
        strokes: ink.strokes(at.slide, at.shown),
        pointer: ink.visible_pointer(),
        zoom: ink.zoom_view(now),
        tracking: ink.tracking(),
        pen_on: ink.pen().is_some(),
    }
}

impl RostraApp {
    /// Queues what `events` from window `source` ask for.
    pub(super) fn push_ink(&mut self, ctx: &egui::Context, source: Source, events: &[InkEvent]) {
        let tracking = self.talk.ink().tracking();
        let sent = match source {
            Source::Audience => &mut self.pointer_sent.audience,
            Source::Console => &mut self.pointer_sent.console,
        };
        for c in commands(events, sent, tracking) {
            self.push(ctx, c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_moved_pointer_is_sent() {
        let mut sent = None;
        let at = [InkEvent::Pointer(Some([0.5, 0.5]))];
        assert_eq!(commands(&at, &mut sent, false), vec![], "not tracking");
        assert_eq!(
            commands(&at, &mut sent, true),
            vec![Command::PointerAt(Some([0.5, 0.5]))]
        );
        assert_eq!(commands(&at, &mut sent, true), vec![], "still: nothing");
        let off = [InkEvent::Pointer(None), InkEvent::Zoom([0.1, 0.2])];
        assert_eq!(
            commands(&off, &mut sent, true),
            vec![Command::PointerAt(None), Command::ToggleZoom([0.1, 0.2])]
        );
        assert_eq!(commands(&off[..1], &mut sent, true), vec![]);
    }
}
