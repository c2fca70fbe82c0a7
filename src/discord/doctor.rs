//! `pitcrew doctor`'s Discord checks: the token (and whose application it is), the gateway,
//! the registered commands. Each is one result: what is fine, or what is wrong and its fix.

use serenity::all::{ChannelId, GuildId};

use super::{classify, commands, http, permission_check};
use crate::config::DiscordConfig;
use crate::domain;

/// One check's outcome: `Ok(what is fine)` or `Err(what is wrong — the fix)`.
pub type Outcome = Result<String, String>;

/// The checks in order: token, gateway, commands. After a failed token the rest are not tried
/// (each would fail the same way).
pub async fn checks(
    config: &DiscordConfig,
    servers: &[(domain::GuildId, Vec<domain::ChannelId>)],
) -> Vec<(String, Outcome)> {
    let http = http(config);
    let app = match http.get_current_application_info().await {
        Ok(app) => app,
        Err(e) => return vec![("token".into(), Err(classify(&e, config).to_string()))],
    };
    http.set_application_id(app.id);
    let mut out = vec![(
        "token".into(),
        Ok(format!("valid, application \"{}\" ({})", app.name, app.id)),
    )];
    out.push((
        "gateway".into(),
        match http.get_bot_gateway().await {
            Ok(g) => Ok(format!(
                "reachable ({} session starts left today)",
                g.session_start_limit.remaining
            )),
            Err(e) => Err(format!(
                "the gateway address could not be read: {e}; check the network and DISCORD_API_URL"
            )),
        },
    ));
    let registered = match config.guild_id {
        Some(g) => http.get_guild_commands(GuildId::new(g)).await,
        None => http.get_global_commands().await,
    };
    out.push((
        "commands".into(),
        match registered {
            Ok(have) => {
                let missing: Vec<&str> = commands::names()
                    .into_iter()
                    .filter(|n| !have.iter().any(|c| c.name == *n))
                    .collect();
                if missing.is_empty() {
                    Ok(format!("registered: /{}", commands::names().join(", /")))
                } else {
                    Err(format!(
                        "not registered: /{} — start the bot once (`pitcrew run`) to register them; global commands can take up to an hour to show",
                        missing.join(", /")
                    ))
                }
            }
            Err(e) => Err(format!("the commands could not be read: {e}")),
        },
    ));
    // Each configured server: the same check as `/pitcrew status`.
    for (guild, channels) in servers {
        let channels: Vec<ChannelId> = channels.iter().map(|&c| c.into()).collect();
        let lines =
            permission_check::lines(&http, (*guild).into(), &channels, crate::guide::Lang::En)
                .await;
        out.push((
            format!("server {guild}"),
            if lines.is_empty() {
                Ok("every permission pitcrew uses, in its channels too".into())
            } else {
                Err(format!(
                    "{} — grant them to pitcrew's role (Server Settings → Roles) and in those channels' permissions",
                    lines.join(" ")
                ))
            },
        ));
    }
    out
}
