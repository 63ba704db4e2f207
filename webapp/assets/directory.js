// The room list's data: the server's room directory (online counts, newest message) and, per room,
// the newest message this browser has read (localStorage), from which unread counts are worked out.
import { api, compareIds, fetchHistory } from './api.js';

export const READ_KEY = 'ssechat.read';

export class Directory {
  constructor(changed) {
    this.changed = changed;
    this.rooms = []; // [{ room, online, lastMessage }] as GET api/rooms answers, most recently active first
    this.unread = new Map(); // room -> count (at most a page: shown as "50+")
    this.counted = new Map(); // room -> the newest id and read mark the count was made for
  }

  marks() {
    try {
      return JSON.parse(localStorage.getItem(READ_KEY)) || {};
    } catch {
      return {};
    }
  }

  // Read up to id in room ('0-0': the room was opened while empty, so whatever comes is unread).
  markRead(room, id) {
    const marks = this.marks();
    if (!marks[room] || compareIds(id, marks[room]) > 0) {
      marks[room] = id;
      localStorage.setItem(READ_KEY, JSON.stringify(marks));
    }
    if (this.unread.delete(room)) this.changed();
  }

  async refresh(active) {
    const rooms = await api('GET', 'api/rooms?count=50').catch(() => null);
    if (!rooms) return;
    this.rooms = rooms;
    const marks = this.marks();
    for (const { room, lastMessage } of rooms) {
      const mark = marks[room];
      if (room === active || !mark || !lastMessage || compareIds(lastMessage.id, mark) <= 0) {
        this.unread.delete(room);
        continue;
      }
      const key = `${lastMessage.id} ${mark}`;
      if (this.counted.get(room) === key) continue;
      const page = await fetchHistory(room).catch(() => null);
      if (!page) continue;
      this.counted.set(room, key);
      this.unread.set(room, page.filter((m) => compareIds(m.id, mark) > 0).length);
    }
    this.changed();
  }
}
