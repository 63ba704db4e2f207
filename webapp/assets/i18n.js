// Interface strings (English and Chinese) and locale-aware date formatting.
import { translator } from './translator.js';

const STRINGS = {
  en: {
    tagline: 'Real-time rooms, streamed straight from the server.',
    nameLabel: 'Your name', namePh: 'e.g. alice or 张三',
    nameHint: 'Up to 32 letters or digits; “_”, “-” and “.” are fine, spaces are not.',
    join: 'Join the chat', joining: 'Joining…',
    nameTaken: '“{name}” is already taken. Please pick another name.',
    nameInvalid: 'That name can’t be used: 1–32 letters, digits, “_”, “-” or “.”, no spaces.',
    sessionEnded: 'Your session has ended. Join again to carry on — your draft is kept.',
    banned: 'This name is banned until {until}.',
    signedOutElsewhere: 'You logged out in another tab.',
    kicked: 'A moderator removed you from #{room}. You can rejoin when you’re ready.',
    rejoin: 'Rejoin', removed: 'Removed',
    rooms: 'Rooms', roomPh: 'Join or create a room', roomGo: 'Go to room',
    roomInvalid: 'Room names use a–z, 0–9, “_” and “-” (up to 32, starting with a letter or digit).',
    removeRoom: 'Remove #{room} from the list',
    online: 'Online', onlineCount: '{n} online', you: 'you', logout: 'Log out',
    otherLang: '中文', langLabel: '切换到中文',
    connected: 'Connected', connecting: 'Connecting…', reconnecting: 'Reconnecting…',
    offline: 'Offline', seconds: '{s} s',
    composerPh: 'Message #{room}', send: 'Send', keys: 'Enter to send · Shift+Enter for a new line',
    typing1: '{a} is typing…', typing2: '{a} and {b} are typing…', typingN: '{a} and {n} others are typing…',
    joined: '{name} joined', left: '{name} left',
    emptyTitle: 'No messages in #{room} yet', emptyBody: 'Say hello: your message will be the first one here.',
    loadingOlder: 'Loading earlier messages…', start: 'This is the very beginning of #{room}.',
    newOne: '1 new message', newN: '{n} new messages', latest: 'Jump to latest',
    tooLong: 'This message is {n} characters; the limit is 2,000.',
    rateLimited: 'You’re sending too fast. Please wait {s} s.',
    unavailable: 'The server can’t be reached. Your text is kept: press Enter to try again.',
    rejected: 'The server didn’t accept this message: {msg}',
    historyFailed: 'Couldn’t load messages. Trying again…',
    serverDown: 'The server can’t be reached right now. Please try again in a moment.',
    menu: 'Rooms and settings', people: 'People online', close: 'Close', messages: 'Messages in #{room}',
    today: 'Today', yesterday: 'Yesterday',
    unread: '{n} unread', edit: 'Edit', delete: 'Delete', edited: 'edited', deleted: 'Message deleted',
    editing: 'Editing your message · Enter to save, Esc to cancel',
    editTooLate: 'A message can only be edited for 15 minutes after it was sent.',
    goneAlready: 'That message is gone.', sep: ', ',
    notifyAsk: 'Get a notification when someone mentions you?', notifyYes: 'Turn on', notifyNo: 'Not now',
    mentionedYou: '{user} mentioned you in #{room}', newIn: '{user} in #{room}',
  },
  zh: {
    tagline: '实时聊天室，消息由服务器即时推送。',
    nameLabel: '你的名字', namePh: '例如 张三 或 alice',
    nameHint: '最多 32 个字母或数字，可含 “_”、“-”、“.”，不能有空格。',
    join: '加入聊天', joining: '正在加入…',
    nameTaken: '“{name}” 已被占用，请换一个名字。',
    nameInvalid: '这个名字不可用：1–32 个字母、数字、“_”、“-” 或 “.”，不能有空格。',
    sessionEnded: '你的会话已结束，请重新加入（草稿已保留）。',
    banned: '这个名字已被封禁，直到 {until}。',
    signedOutElsewhere: '你已在另一个标签页退出。',
    kicked: '管理员已将你移出 #{room}。准备好后可以重新加入。',
    rejoin: '重新加入', removed: '已移出',
    rooms: '聊天室', roomPh: '加入或创建聊天室', roomGo: '前往聊天室',
    roomInvalid: '聊天室名称只能用 a–z、0–9、“_” 和 “-”，以字母或数字开头，最多 32 个字符。',
    removeRoom: '从列表中移除 #{room}',
    online: '在线', onlineCount: '{n} 人在线', you: '我', logout: '退出',
    otherLang: 'English', langLabel: 'Switch to English',
    connected: '已连接', connecting: '正在连接…', reconnecting: '正在重连…',
    offline: '离线', seconds: '{s} 秒',
    composerPh: '发送消息到 #{room}', send: '发送', keys: 'Enter 发送 · Shift+Enter 换行',
    typing1: '{a} 正在输入…', typing2: '{a} 和 {b} 正在输入…', typingN: '{a} 等 {n} 人正在输入…',
    joined: '{name} 加入了', left: '{name} 离开了',
    emptyTitle: '#{room} 还没有消息', emptyBody: '打个招呼吧，你的消息将是这里的第一条。',
    loadingOlder: '正在加载更早的消息…', start: '这里是 #{room} 的开始。',
    newOne: '1 条新消息', newN: '{n} 条新消息', latest: '跳到最新',
    tooLong: '这条消息有 {n} 个字符，上限是 2000。',
    rateLimited: '发送太快了，请等 {s} 秒。',
    unavailable: '无法连接服务器。文字已保留，按 Enter 重试。',
    rejected: '服务器未接受这条消息：{msg}',
    historyFailed: '消息加载失败，正在重试…',
    serverDown: '暂时无法连接服务器，请稍后再试。',
    menu: '聊天室与设置', people: '在线的人', close: '关闭', messages: '#{room} 的消息',
    today: '今天', yesterday: '昨天',
    unread: '{n} 条未读', edit: '编辑', delete: '删除', edited: '已编辑', deleted: '消息已删除',
    editing: '正在编辑消息 · Enter 保存，Esc 取消',
    editTooLate: '消息发出 15 分钟后就不能再编辑了。',
    goneAlready: '这条消息已不存在。', sep: '、',
    notifyAsk: '有人提到你时通知你？', notifyYes: '开启', notifyNo: '以后再说',
    mentionedYou: '{user} 在 #{room} 提到了你', newIn: '{user} 在 #{room}',
  },
};

const texts = translator(STRINGS, () => { fmt = formatters(); });
let fmt = formatters();

// Local format: the browser's own locale for the chosen language when it has one.
function formatters() {
  const locale = (navigator.languages || []).find((l) => l.toLowerCase().startsWith(texts.lang()))
    || (texts.lang() === 'zh' ? 'zh-CN' : 'en');
  return {
    locale,
    time: new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }),
    day: new Intl.DateTimeFormat(locale, { weekday: 'long', month: 'long', day: 'numeric' }),
    full: new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'medium' }),
    names: new Intl.Collator(locale),
  };
}

export const getLang = texts.lang;
export const setLang = texts.setLang;
export const t = texts.t;
export const translatePage = texts.translatePage;

export const fmtTime = (ts) => fmt.time.format(ts);
export const fmtFull = (ts) => fmt.full.format(ts);
export const compareNames = (a, b) => fmt.names.compare(a, b);

export function fmtDay(ts) {
  const day = (d) => new Date(d).toDateString();
  if (day(ts) === day(Date.now())) return t('today');
  if (day(ts) === day(Date.now() - 864e5)) return t('yesterday');
  return fmt.day.format(ts);
}

// Sets a translatable text and remembers its key, so that a language switch can say it again.
export function say(el, key, params) {
  if (!key) {
    delete el.dataset.key;
    el.textContent = '';
    return;
  }
  el.dataset.key = key;
  el.dataset.params = JSON.stringify(params || {});
  el.textContent = t(key, params);
}

export function resay(root = document) {
  for (const el of root.querySelectorAll('[data-key][data-params]')) el.textContent = t(el.dataset.key, JSON.parse(el.dataset.params));
}
