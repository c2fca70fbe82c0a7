//! "None of these — ask a volunteer": a member whose problem no guide covers is handed to the
//! volunteers with their own words. The rules are the escalation's (a server, a setup, one
//! live request per member), judged here so both front ends and the tests meet the same ones.

use super::card::lang_code;
use super::deliver::Prepared;
use super::port::Port;
use super::{schedule, Handoffs};
use crate::domain::{ChannelId, GuildId, Member, Scope, UserId};
use crate::guide::words::cut;
use crate::guide::Lang;
use crate::store::{StoreError, NOTE_MAX_CHARS};

impl<P: Port> Handoffs<P> {
    /// Opens a handoff carrying `words` (trimmed, cut to what the store keeps) for `member`
    /// here, who reads `lang`. Only a database write happens; deliver it with
    /// [`deliver_prepared`](Handoffs::deliver_prepared) once the member has their screen.
    /// Never [`Prepared::Closed`]: every ask is a new request.
    pub async fn ask_unguided(
        &self,
        member: &Member,
        scope: &Scope,
        words: &str,
        lang: Lang,
    ) -> Result<Prepared, StoreError> {
        let (Scope::Guild { guild, channel }, Member::Discord(member)) = (*scope, member) else {
            return Ok(Prepared::NoServer);
        };
        let store = self.store();
        let Some(ready) = store.guild_setup(guild).await?.and_then(|s| s.ready()) else {
            return Ok(Prepared::NotSetUp);
        };
        // One live request per member, as for an escalation: a second card would only split
        // the volunteers' attention; the words belong in the thread already open.
        if let Some(live) = store.live_handoff_of_member(guild, *member).await? {
            return Ok(Prepared::AlreadyOpen {
                thread: live.thread,
            });
        }
        let words = cut(words.trim(), NOTE_MAX_CHARS);
        let now = self.now();
        let due = schedule::first_notice(now, ready.renotify);
        let (_, handoff) = store
            .open_unguided_handoff((guild, channel), *member, lang_code(lang), &words, due, now)
            .await?;
        Ok(Prepared::Opened {
            handoff: Box::new(handoff),
            ready,
        })
    }

    /// Opens an urgent handoff for `member`, who posted `words` in `channel` of `guild` and
    /// may be in danger (a forum post that reads as an emergency). An emergency always gets its
    /// own urgent card, whatever else the member has open; only the setup can stop it.
    pub async fn alert(
        &self,
        (guild, channel): (GuildId, ChannelId),
        member: UserId,
        words: &str,
        lang: Lang,
    ) -> Result<Prepared, StoreError> {
        let store = self.store();
        let Some(ready) = store.guild_setup(guild).await?.and_then(|s| s.ready()) else {
            return Ok(Prepared::NotSetUp);
        };
        let words = cut(words.trim(), NOTE_MAX_CHARS);
        let now = self.now();
        let due = schedule::first_notice(now, ready.renotify);
        let (_, handoff) = store
            .open_urgent_unguided_handoff(
                (guild, channel),
                member,
                lang_code(lang),
                &words,
                (due, now),
            )
            .await?;
        Ok(Prepared::Opened {
            handoff: Box::new(handoff),
            ready,
        })
    }
}
