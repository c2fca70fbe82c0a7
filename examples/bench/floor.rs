//! The floor: the least a serenity bot can do for our members. It registers the same `/triage`
//! command, and answers every interaction at once with one fixed message shaped like a pitcrew
//! step (an embed, three choices and a navigation row): a new private message for a command,
//! an in-place update for a button. No state, no database, no guide. Whatever pitcrew costs
//! beyond this is ours.

use std::future::Future;

use serenity::all::{
    ButtonStyle, ClientBuilder, Colour, Command, Context, CreateActionRow, CreateAllowedMentions,
    CreateAutocompleteResponse, CreateButton, CreateEmbed, CreateInteractionResponse,
    CreateInteractionResponseMessage, EventHandler, GatewayIntents, HttpBuilder, Interaction,
    Ready,
};

/// Button ids of the fixed message; members press the `c<n>` ones like guide choices.
pub const CHOICES: [&str; 3] = ["f:c0", "f:c1", "f:c2"];

const TEXT: &str = "Let's get you back in safely. First: **is anyone in danger?**\n\n\
    - A child, vulnerable adult or pet shut in the car\n\
    - You're near fast traffic, or you feel unsafe where you are";

fn fixed() -> CreateInteractionResponseMessage {
    let labels = [
        "Someone is shut inside the car",
        "I'm not safe where I am",
        "We're safe, carry on",
    ];
    let choices = CHOICES
        .iter()
        .zip(labels)
        .map(|(id, label)| {
            CreateButton::new(*id)
                .label(label)
                .style(ButtonStyle::Primary)
        })
        .collect();
    let nav = [
        ("f:b", "Back", ButtonStyle::Secondary),
        ("f:r", "Start over", ButtonStyle::Secondary),
        ("f:v", "Talk to a volunteer", ButtonStyle::Success),
    ]
    .into_iter()
    .map(|(id, label, style)| CreateButton::new(id).label(label).style(style))
    .collect();
    CreateInteractionResponseMessage::new()
        .embed(
            CreateEmbed::new()
                .title("Keys locked in a BMW (cabin or trunk)")
                .description(TEXT)
                .colour(Colour(0x3b82f6)),
        )
        .components(vec![
            CreateActionRow::Buttons(choices),
            CreateActionRow::Buttons(nav),
        ])
        .allowed_mentions(CreateAllowedMentions::new())
}

struct Floor;

#[serenity::async_trait]
impl EventHandler for Floor {
    async fn ready(&self, ctx: Context, _ready: Ready) {
        let commands = pitcrew::discord::command_definitions();
        if let Err(e) = Command::set_global_commands(&ctx.http, commands).await {
            eprintln!("floor: could not register commands: {e}");
        }
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let result = match interaction {
            Interaction::Command(c) => {
                let reply = CreateInteractionResponse::Message(fixed().ephemeral(true));
                c.create_response(&ctx.http, reply).await
            }
            Interaction::Component(c) => {
                let reply = CreateInteractionResponse::UpdateMessage(fixed());
                c.create_response(&ctx.http, reply).await
            }
            Interaction::Autocomplete(c) => {
                let choices = CreateAutocompleteResponse::new().add_string_choice("Keys", "keys");
                let reply = CreateInteractionResponse::Autocomplete(choices);
                c.create_response(&ctx.http, reply).await
            }
            _ => Ok(()),
        };
        if let Err(e) = result {
            eprintln!("floor: could not answer: {e}");
        }
    }
}

/// Runs the floor bot against `DISCORD_API_URL` with `DISCORD_TOKEN` until `shutdown`.
pub async fn run(shutdown: impl Future<Output = ()>) -> Result<(), String> {
    let token = std::env::var("DISCORD_TOKEN").map_err(|_| "DISCORD_TOKEN is not set")?;
    let api = std::env::var("DISCORD_API_URL").map_err(|_| "DISCORD_API_URL is not set")?;
    // The proxy only applies with serenity's rate limiter off, exactly as pitcrew sets it.
    let http = HttpBuilder::new(token)
        .proxy(api)
        .ratelimiter_disabled(true)
        .build();
    let mut client = ClientBuilder::new_with_http(http, GatewayIntents::empty())
        .event_handler(Floor)
        .await
        .map_err(|e| e.to_string())?;
    let shards = client.shard_manager.clone();
    let result = tokio::select! {
        r = client.start() => r.map_err(|e| e.to_string()),
        () = shutdown => Ok(()),
    };
    shards.shutdown_all().await;
    result
}
