//! `crm plan` and `crm apply`: the playbook's data model kept in sync with a live HubSpot
//! portal, safely and as often as one likes.
//!
//! `export` writes what a CRM should hold; this stage reads what a portal does hold
//! (`portal`), compares the two (`plan`) and sends only the difference (`apply`), through a
//! client that keeps HubSpot's limits and never shows the token (`client`). Running `apply` a
//! second time sends nothing, because a fresh plan of a synced portal is empty.

pub mod apply;
pub mod client;
pub mod plan;
pub mod portal;
