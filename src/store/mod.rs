//! SQLite persistence (sqlx). The only module that speaks SQL.
