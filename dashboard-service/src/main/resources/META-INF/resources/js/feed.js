// The live activity stream: GET /dashboard/stream as Server-Sent Events.
//
// An EventSource cannot send a bearer header, and the token must not go into a URL, so every connection
// starts with a single-use ticket (POST /dashboard/stream-tickets, valid 30 s) and the id of the last item
// this page has shown. On any error the EventSource is closed (its own retry would reuse the spent ticket)
// and a new one is opened with a fresh ticket and lastEventId: the service replays every item after it,
// so nothing is missed. Items are handed on only when their id is above the last one handed on: ids are
// dense and come in order, so a repeat (a replay overlapping what was already shown) is dropped.

import { streamTicket, withQuery } from './api.js';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 5000;

export class LiveFeed {
  /**
   * @param onItem  called with each new activity item, in feed order
   * @param onReset called with {oldest, latest} when the page's position is older than the feed keeps
   * @param onState called with 'connecting' | 'live' | 'reconnecting' | 'failed' | 'closed' and a message
   */
  constructor({ onItem, onReset, onState }) {
    this.onItem = onItem;
    this.onReset = onReset;
    this.onState = onState;
    this.source = null;
    this.timer = null;
    this.generation = 0;
    this.attempts = 0;
    this.lastId = 0;
    this.department = '';
  }

  /** (Re)starts the stream for a department ('' for every one in the caller's scope) after feed id {@code after}. */
  start(department, after) {
    this.stop();
    this.department = department;
    this.lastId = after;
    this.attempts = 0;
    this.connect(this.generation);
  }

  stop() {
    this.generation++;
    clearTimeout(this.timer);
    this.timer = null;
    if (this.source) {
      this.source.close();
      this.source = null;
    }
    this.onState('closed', 'Not connected');
  }

  /** The id of the last item handed on (where a reconnect resumes). */
  position() {
    return this.lastId;
  }

  async connect(generation) {
    this.onState(this.attempts === 0 ? 'connecting' : 'reconnecting',
      this.attempts === 0 ? 'Connecting…' : `Reconnecting (attempt ${this.attempts + 1})…`);
    let ticket;
    try {
      ticket = (await streamTicket()).ticket;
    } catch (problem) {
      if (generation !== this.generation) {
        return;
      }
      if (problem.status === 401 || problem.status === 403) {
        this.onState('failed', 'Signed out: the token was refused (expired?). Sign in again.');
        return;
      }
      this.retry(generation);
      return;
    }
    if (generation !== this.generation) {
      return;
    }
    const url = withQuery('/dashboard/stream', { ticket, lastEventId: this.lastId, department: this.department });
    const source = new EventSource(url);
    this.source = source;
    source.onopen = () => {
      if (this.source === source) {
        this.attempts = 0;
        this.onState('live', 'Live');
      }
    };
    source.addEventListener('activity', (event) => {
      if (this.source === source) {
        this.activity(event);
      }
    });
    source.addEventListener('reset', (event) => {
      if (this.source === source) {
        const reset = JSON.parse(event.data);
        this.lastId = Math.max(this.lastId, Number(reset.latest) || 0);
        this.onReset(reset);
      }
    });
    source.onerror = () => {
      if (this.source !== source) {
        return;
      }
      // closed here, or the browser would retry the same (spent) ticket
      source.close();
      this.source = null;
      this.retry(generation);
    };
  }

  retry(generation) {
    const delay = Math.min(FIRST_RETRY_MS * 2 ** this.attempts, MAX_RETRY_MS);
    this.attempts++;
    this.onState('reconnecting', `Connection lost; retrying in ${Math.round(delay / 100) / 10} s…`);
    this.timer = setTimeout(() => {
      if (generation === this.generation) {
        this.connect(generation);
      }
    }, delay);
  }

  activity(event) {
    let item;
    try {
      item = JSON.parse(event.data);
    } catch {
      return;
    }
    const id = Number(event.lastEventId || item.id);
    if (!Number.isSafeInteger(id) || id <= this.lastId) {
      return; // a repeat: already shown
    }
    this.lastId = id;
    this.onItem({ ...item, id });
  }
}
