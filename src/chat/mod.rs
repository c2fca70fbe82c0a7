//! `pitcrew chat`: a guide in the terminal, on the same engine and store as Discord, so a
//! moderator walks a guide exactly as a member will. Reads lines, so piped stdin drives it.
//! This module holds the conversation (resume, pick, walk); `screen` what it shows, in the
//! chat's language (`--lang`), and how it reads a line.

mod screen;

use std::io::Write;

use tokio::io::{AsyncBufRead, AsyncBufReadExt, Lines};

use crate::desk::{Desk, DeskError, Pressed};
use crate::domain::SessionRecord;
use crate::domain::{Car, Member, Region, Scope};
use crate::guide::search::{self, Mode};
use crate::guide::Guide;
use crate::guide::Lang;
use crate::handoff::text as handoff_text;
use crate::i18n::{Arg, Msg};
use crate::triage::{Input, View};
use screen::{parse_input, Parsed};

const SCOPE: Scope = Scope::Local;
/// The picker's key for "None of these — ask a volunteer".
const NONE_KEY: &str = "v";

/// How the chat ended, for the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatEnd {
    /// The member quit or input ended.
    Quit,
    /// The guide named on the command line does not exist.
    UnknownGuide,
}

pub struct Chat<'a, R, W> {
    desk: &'a Desk,
    member: Member,
    input: Lines<R>,
    out: W,
    /// Whether the screen last shown belongs to a guide still in progress.
    open: bool,
    /// Whose numbers the screens give (`--region`, `PITCREW_REGION`, else side by side).
    region: Region,
    /// The language guides and the chat's own words are shown in (`pitcrew chat --lang de`).
    lang: Lang,
}

impl<'a, R: AsyncBufRead + Unpin, W: Write> Chat<'a, R, W> {
    pub fn new(desk: &'a Desk, user: &str, input: R, out: W) -> Self {
        Chat {
            desk,
            member: Member::Local(user.to_string()),
            input: input.lines(),
            out,
            open: false,
            region: Region::Other,
            lang: Lang::GUIDES,
        }
    }

    /// Gives the numbers of `region` on every screen instead of all of them side by side.
    pub fn in_region(mut self, region: Region) -> Self {
        self.region = region;
        self
    }

    /// Shows guides in `lang`, falling back to the guide's own words text by text.
    pub fn in_lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    pub async fn run(mut self, guide: Option<&str>) -> Result<ChatEnd, DeskError> {
        if let Some(id) = guide {
            if self.desk.library().get(id).is_none() {
                self.say_msg_with(Msg::ChatNoSuchGuide, Arg::Words, id);
                self.list_guides();
                self.say_msg(Msg::ChatRunWithId);
                return Ok(ChatEnd::UnknownGuide);
            }
        }
        let mut current = match self.offer_resume().await? {
            Some(resumed) => Some(resumed),
            None => match guide {
                Some(id) => Some(self.desk.start(&self.member, &SCOPE, id).await?),
                None => None,
            },
        };
        loop {
            let (session, view) = match current.take() {
                Some(c) => c,
                None => match self.pick().await? {
                    Some(c) => c,
                    None => return Ok(self.quit(false)),
                },
            };
            self.show(&view);
            match self.walk(session, view).await? {
                Some(next) => current = Some(next),
                None => return Ok(self.quit(true)),
            }
        }
    }

    /// Offers the member's unfinished guide, if any. `None` means start something new.
    async fn offer_resume(&mut self) -> Result<Option<(SessionRecord, View)>, DeskError> {
        let Some((session, view)) = self.desk.open_session(&self.member, &SCOPE).await? else {
            return Ok(None);
        };
        let title = self
            .desk
            .library()
            .get(&view.guide_id)
            .map_or(view.guide_title.as_str(), |g| g.title_in(self.lang))
            .to_string();
        let step = (session.state.step + 1).to_string();
        let said = crate::i18n::text_with(
            self.lang,
            Msg::ChatUnfinished,
            &[(Arg::Title, &title), (Arg::Number, &step)],
        );
        self.say(&said);
        loop {
            self.prompt(&screen::say(self.lang, Msg::ChatResumePrompt));
            let Some(line) = self.read().await else {
                return Ok(None);
            };
            match screen::yes_or_no(&line) {
                Some(true) => return Ok(Some((session, view))),
                Some(false) => {
                    self.desk.cancel(&self.member, &SCOPE).await?;
                    return Ok(None);
                }
                None => self.say_msg(Msg::ChatYesOrNo),
            }
        }
    }

    /// The guide picker: a number from the list, or the problem in the member's own words.
    async fn pick(&mut self) -> Result<Option<(SessionRecord, View)>, DeskError> {
        let car = self.desk.car(&self.member).await?;
        let mut offered = self.guide_order(car.as_ref());
        self.say_msg(Msg::ChatWhichProblem);
        self.list(&offered);
        // The member's last description: what a volunteer would get on Discord.
        let mut described = String::new();
        loop {
            let none = format!("{NONE_KEY}: {}", handoff_text::none_fits(self.lang));
            let prompt = screen::say_with(self.lang, Msg::ChatPickPrompt, Arg::Words, &none);
            self.prompt(&prompt);
            let Some(line) = self.read().await else {
                return Ok(None);
            };
            if line.eq_ignore_ascii_case("q") {
                return Ok(None);
            }
            if line.eq_ignore_ascii_case(NONE_KEY) {
                self.say(&handoff_text::unguided_in_terminal(
                    &described,
                    self.region,
                    self.lang,
                ));
                return Ok(None);
            }
            if let Ok(n) = line.parse::<usize>() {
                match n.checked_sub(1).and_then(|i| offered.get(i)) {
                    Some(id) => {
                        let id = id.clone();
                        return Ok(Some(self.desk.start(&self.member, &SCOPE, &id).await?));
                    }
                    None => {
                        let max = offered.len().to_string();
                        self.say_msg_with(Msg::ChatNumberRange, Arg::Max, &max);
                    }
                }
                continue;
            }
            described = line.clone();
            let matches: Vec<_> = search::rank(&self.desk.library(), &line, Mode::Words, 5)
                .into_iter()
                .filter(|m| m.fits)
                .collect();
            if matches.is_empty() {
                // Said plainly, with what would happen next, rather than the nearest guides.
                self.say_msg(Msg::ChatNothingFits);
                self.say(&handoff_text::unguided_in_terminal(
                    &described,
                    self.region,
                    self.lang,
                ));
                self.say_msg(Msg::ChatMatchAfterAll);
                offered = self.guide_order(car.as_ref());
                self.list(&offered);
                continue;
            }
            self.say_msg(Msg::ChatFitBest);
            offered = matches.into_iter().map(|m| m.guide_id).collect();
            let library = self.desk.library();
            for (i, id) in offered.iter().enumerate() {
                if let Some(g) = library.get(id) {
                    let line = screen::guide_line(i, g, self.lang, false);
                    self.say(&line);
                }
            }
        }
    }

    /// Walks one guide until the member quits (`None`) or starts another walk (`Some`).
    async fn walk(
        &mut self,
        mut session: SessionRecord,
        mut view: View,
    ) -> Result<Option<(SessionRecord, View)>, DeskError> {
        loop {
            self.prompt("");
            let Some(line) = self.read().await else {
                return Ok(None);
            };
            let input = match parse_input(&line, &view) {
                Parsed::Input(input) => input,
                Parsed::Quit => return Ok(None),
                Parsed::Invalid => {
                    self.say(&screen::keys_hint(&view, self.lang));
                    continue;
                }
            };
            match self
                .desk
                .press(&self.member, session.id, view.step, input)
                .await?
            {
                Pressed::Moved {
                    session: s,
                    view: v,
                } if v.flags.resolved && !v.flags.escalated => {
                    self.show(&v);
                    (session, view) = match self.ask_fixed(&s, &v).await? {
                        Some(moved) => moved,
                        None => (s, v),
                    };
                }
                Pressed::Moved {
                    session: s,
                    view: v,
                }
                | Pressed::Unchanged {
                    session: s,
                    view: v,
                } => {
                    session = s;
                    view = v;
                    self.show(&view);
                }
                // Our own session cannot belong to someone else; it can vanish only if the
                // guide was deleted meanwhile: go back to the picker.
                Pressed::NotYours | Pressed::Unknown => {
                    self.say_msg(Msg::ChatGuideGone);
                    return self.pick().await;
                }
            }
        }
    }

    /// "Did this fix it?" after a resolved outcome, as on Discord: a yes is thanked, a no is
    /// recorded and goes on to the volunteer screen; anything else leaves it unanswered.
    async fn ask_fixed(
        &mut self,
        session: &SessionRecord,
        view: &View,
    ) -> Result<Option<(SessionRecord, View)>, DeskError> {
        self.prompt(&screen::say(self.lang, Msg::ChatFixedPrompt));
        let Some(line) = self.read().await else {
            return Ok(None);
        };
        let line = line.trim();
        let Some(fixed) = screen::yes_or_no(line).filter(|_| !line.is_empty()) else {
            return Ok(None);
        };
        self.desk
            .answer_fixed(&self.member, session.id, fixed)
            .await?;
        if fixed {
            self.say_msg(Msg::FixedThanks);
            return Ok(None);
        }
        match self
            .desk
            .press(&self.member, session.id, view.step, Input::Escalate)
            .await?
        {
            Pressed::Moved { session, view } => {
                self.show(&view);
                Ok(Some((session, view)))
            }
            _ => Ok(None),
        }
    }

    fn show(&mut self, view: &View) {
        let library = self.desk.library();
        let localized = match library.get(&view.guide_id) {
            Some(guide) => crate::triage::localize(guide, view.clone(), self.lang),
            None => view.clone(),
        };
        let view = &localized;
        self.open = !view.is_terminal() && view.notice != Some(crate::triage::Notice::Closed);
        let view = view.read_in(self.region, self.lang.into());
        let drawn = screen::step(&view, self.region, self.lang);
        self.write(&drawn);
    }

    fn list_guides(&mut self) {
        let all = self.guide_order(None);
        self.list(&all);
    }

    /// Guide ids in the order they are offered: those for the member's car first.
    fn guide_order(&self, car: Option<&Car>) -> Vec<String> {
        let library = self.desk.library();
        let mut guides: Vec<&Guide> = library.iter().collect();
        search::fitting_first(&mut guides, car);
        guides.into_iter().map(|g| g.id.clone()).collect()
    }

    fn list(&mut self, ids: &[String]) {
        let library = self.desk.library();
        let lines: Vec<String> = ids
            .iter()
            .filter_map(|id| library.get(id))
            .enumerate()
            .map(|(i, g)| screen::guide_line(i, g, self.lang, true))
            .collect();
        for line in lines {
            self.say(&line);
        }
    }

    fn quit(&mut self, in_guide: bool) -> ChatEnd {
        if in_guide && self.open {
            self.say_msg(Msg::ChatSaved);
        } else if in_guide {
            self.say_msg(Msg::ChatTakeCare);
        }
        ChatEnd::Quit
    }

    async fn read(&mut self) -> Option<String> {
        // A read error (not UTF-8, closed pipe) ends the chat like end of input does.
        match self.input.next_line().await {
            Ok(Some(line)) => Some(line.trim().to_string()),
            Ok(None) | Err(_) => None,
        }
    }

    fn prompt(&mut self, text: &str) {
        if text.is_empty() {
            self.write("> ");
        } else {
            self.write(&format!("{text}\n> "));
        }
    }

    fn say(&mut self, line: &str) {
        self.write(&format!("{line}\n"));
    }

    fn say_msg(&mut self, msg: Msg) {
        let said = screen::say(self.lang, msg);
        self.say(&said);
    }

    fn say_msg_with(&mut self, msg: Msg, arg: Arg, value: &str) {
        let said = screen::say_with(self.lang, msg, arg, value);
        self.say(&said);
    }

    fn write(&mut self, s: &str) {
        // The terminal going away is not worth a crash; the session is already saved.
        let _ = self.out.write_all(s.as_bytes());
        let _ = self.out.flush();
    }
}
