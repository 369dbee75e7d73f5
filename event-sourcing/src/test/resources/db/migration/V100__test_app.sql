-- The test application's read models (src/test: NoteProjection, NoteRevisionProjection).
create table note_view (
    note_id        uuid        primary key,
    version        bigint      not null,
    title          text        not null,
    body           text,
    author         text        not null,
    archived       boolean     not null default false,
    archive_reason text,
    revisions      int         not null default 0,
    written_at     timestamptz not null,
    updated_at     timestamptz not null
);
create index note_view_author_idx on note_view (author);

create table note_revision_view (
    event_id   uuid        primary key,
    note_id    uuid        not null,
    version    bigint      not null,
    title      text        not null,
    revised_at timestamptz not null
);
create index note_revision_view_note_idx on note_revision_view (note_id, version);
