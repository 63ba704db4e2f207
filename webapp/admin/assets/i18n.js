// Console strings in English and Chinese, and locale-aware number and time formats.
// The language choice and the texts' machinery are the chat page's (assets/translator.js).
import { translator } from '../../assets/translator.js';

const STRINGS = {
  en: {
    console: 'Admin console', signInTitle: 'Sign in to the admin console', user: 'User name', password: 'Password',
    signIn: 'Sign in', signingIn: 'Signing in…', signOut: 'Sign out',
    wrongCredentials: 'Wrong user name or password.', adminOff: 'The admin console is off on this server: no CHAT_ADMIN_PASSWORD is configured.',
    unreachable: 'The server can’t be reached. Please try again.', sessionEnded: 'Please sign in again.',
    throttled: 'Too many failed sign-ins. Please wait {s} s before trying again.',
    otherLang: '中文', langLabel: '切换到中文',
    live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…', partial: 'Redis unreachable: this node only',
    updated: 'Updated {time}',
    tileNodes: 'Nodes', tileStreams: 'Open streams', tileUsers: 'Online users', tilePublished: 'Published / s',
    tileDelivered: 'Delivered / s', tileP99: 'Latency p99', tileDropped: 'Dropped as slow', tileRedis: 'Redis',
    redisAllUp: 'All up', redisDown: '{n} down',
    chartMessages: 'Messages per second', chartStreams: 'Open streams', chartLatency: 'Delivery latency (ms)',
    chartHeap: 'Heap used (MiB)', chartRedis: 'Redis round trip (ms)', chartUsers: 'Online users',
    published: 'published', delivered: 'delivered', ago: '{s} s ago', now: 'now', noData: 'Waiting for data…',
    nodes: 'Nodes', thisNode: 'this node',
    colNode: 'Node', colUptime: 'Uptime', colStreams: 'Streams', colUsers: 'Users', colPublished: 'Published',
    colDelivered: 'Delivered', colLatency: 'Latency p50 / p90 / p99', colDropped: 'Dropped', colRedis: 'Redis', colHeap: 'Heap',
    perSecond: '{n}/s', ms: '{n} ms',
    rooms: 'Rooms', roomsHint: 'Rooms with open streams, by streams. Open any room by name:', roomPh: 'room name', open: 'Open',
    noRooms: 'No open streams right now.', streams: '{n} streams', stream1: '1 stream',
    pickRoom: 'Pick a room, or open any room by name, to see who is online and its history.',
    onlineUsers: 'Online', latestMessages: 'Messages, newest first', noUsers: 'Nobody is online here.', noMessages: 'No messages.',
    disconnect: 'Disconnect', confirmDisconnect: 'Disconnect {name}?', delete: 'Delete', confirmDelete: 'Delete?',
    deleted: 'Message deleted.', alreadyGone: 'That message was already gone.', disconnected: '{name} was disconnected from #{room}.',
    actionFailed: 'That did not work: {msg}', roomInvalid: 'Room names use a–z, 0–9, “_” and “-”.',
    // operator: chart ranges and the room inspector
    agoMin: '{m} min ago', chartRange: 'Time shown in the charts', range90s: '90 s', range15m: '15 min', range60m: '1 hour',
    filterUser: 'Filter by user', showIds: 'Show message ids', loadOlder: 'Load older messages', loadingOlder: 'Loading…',
    allLoaded: 'This is the start of the room’s history.', shownOf: '{n} of {total} loaded messages', noMatch: 'No loaded message is by “{name}”.',
    up: 'UP', down: 'DOWN', summary: 'Cluster summary',
    bans: 'Bans', bansHint: 'A ban ends every session of the name (and of names that look the same) on every node, and refuses the name until it runs out.',
    banName: 'Name', banMinutes: 'Minutes', banReason: 'Reason (optional)', banButton: 'Ban', banUser: 'Ban…',
    banUntil: 'until {until}', banBy: 'by {admin}', banReasonBy: '“{reason}” · by {admin}', noBans: 'Nobody is banned.',
    lift: 'Lift', confirmLift: 'Lift the ban on {name}?', lifted: 'The ban on {name} was lifted.', notBanned: '{name} was not banned.',
    bannedToast: '{name} is banned until {until}.', banNameInvalid: 'A name is 1–32 letters, digits, “_”, “-” or “.”.',
    banMinutesInvalid: 'Minutes: a whole number from 1 to 525600 (one year).', banReasonInvalid: 'The reason is at most 200 characters.',
    audit: 'Moderation log', noAudit: 'No moderation yet.', older: 'Older entries', refresh: 'Refresh',
    act_delete: 'deleted message', act_kick: 'disconnected', act_ban: 'banned', act_unban: 'lifted the ban on', inRoom: 'in #{room}',
  },
  zh: {
    console: '管理控制台', signInTitle: '登录管理控制台', user: '用户名', password: '密码',
    signIn: '登录', signingIn: '正在登录…', signOut: '退出',
    wrongCredentials: '用户名或密码错误。', adminOff: '此服务器未开启管理控制台：没有配置 CHAT_ADMIN_PASSWORD。',
    unreachable: '无法连接服务器，请稍后再试。', sessionEnded: '请重新登录。',
    throttled: '登录失败次数过多，请等待 {s} 秒后再试。',
    otherLang: 'English', langLabel: 'Switch to English',
    live: '实时', connecting: '正在连接…', reconnecting: '正在重连…', partial: 'Redis 无法访问：仅显示本节点',
    updated: '更新于 {time}',
    tileNodes: '节点', tileStreams: '打开的连接', tileUsers: '在线用户', tilePublished: '每秒发布',
    tileDelivered: '每秒送达', tileP99: '延迟 p99', tileDropped: '因过慢断开', tileRedis: 'Redis',
    redisAllUp: '全部正常', redisDown: '{n} 个异常',
    chartMessages: '每秒消息数', chartStreams: '打开的连接', chartLatency: '送达延迟（毫秒）',
    chartHeap: '堆内存使用（MiB）', chartRedis: 'Redis 往返时间（毫秒）', chartUsers: '在线用户',
    published: '发布', delivered: '送达', ago: '{s} 秒前', now: '现在', noData: '等待数据…',
    nodes: '节点', thisNode: '本节点',
    colNode: '节点', colUptime: '运行时间', colStreams: '连接', colUsers: '用户', colPublished: '发布',
    colDelivered: '送达', colLatency: '延迟 p50 / p90 / p99', colDropped: '断开', colRedis: 'Redis', colHeap: '堆内存',
    perSecond: '{n}/秒', ms: '{n} 毫秒',
    rooms: '聊天室', roomsHint: '有打开连接的聊天室，按连接数排序。也可按名称打开：', roomPh: '聊天室名称', open: '打开',
    noRooms: '当前没有打开的连接。', streams: '{n} 个连接', stream1: '1 个连接',
    pickRoom: '选择一个聊天室，或按名称打开任意聊天室，查看在线用户和历史消息。',
    onlineUsers: '在线', latestMessages: '消息（最新在前）', noUsers: '这里没有人在线。', noMessages: '没有消息。',
    disconnect: '断开', confirmDisconnect: '断开 {name}？', delete: '删除', confirmDelete: '确定删除？',
    deleted: '消息已删除。', alreadyGone: '这条消息已经不存在了。', disconnected: '已将 {name} 从 #{room} 断开。',
    actionFailed: '操作失败：{msg}', roomInvalid: '聊天室名称只能用 a–z、0–9、“_” 和 “-”。',
    // operator: chart ranges and the room inspector
    agoMin: '{m} 分钟前', chartRange: '图表显示的时间范围', range90s: '90 秒', range15m: '15 分钟', range60m: '1 小时',
    filterUser: '按用户筛选', showIds: '显示消息 ID', loadOlder: '加载更早的消息', loadingOlder: '正在加载…',
    allLoaded: '已到达该聊天室历史的开头。', shownOf: '已加载 {total} 条消息，显示 {n} 条', noMatch: '已加载的消息中没有“{name}”发的。',
    up: '正常', down: '异常', summary: '集群概况',
    bans: '封禁', bansHint: '封禁会在所有节点上结束这个名字（及看起来相同的名字）的所有会话，并在到期前拒绝使用该名字。',
    banName: '名字', banMinutes: '分钟', banReason: '原因（可选）', banButton: '封禁', banUser: '封禁…',
    banUntil: '至 {until}', banBy: '操作者 {admin}', banReasonBy: '“{reason}” · 操作者 {admin}', noBans: '没有封禁。',
    lift: '解除', confirmLift: '解除对 {name} 的封禁？', lifted: '已解除对 {name} 的封禁。', notBanned: '{name} 未被封禁。',
    bannedToast: '{name} 已被封禁至 {until}。', banNameInvalid: '名字为 1–32 个字母、数字、“_”、“-” 或 “.”。',
    banMinutesInvalid: '分钟数须为 1 到 525600（一年）之间的整数。', banReasonInvalid: '原因最多 200 个字符。',
    audit: '管理日志', noAudit: '还没有管理操作。', older: '更早的记录', refresh: '刷新',
    act_delete: '删除了消息', act_kick: '断开了', act_ban: '封禁了', act_unban: '解除了封禁：', inRoom: '（#{room}）',
  },
};

const texts = translator(STRINGS, () => { fmt = formatters(); });
let fmt = formatters();

function formatters() {
  const locale = texts.lang() === 'zh' ? 'zh-CN' : 'en';
  return {
    int: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
    dec: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }),
    clock: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }),
    stamp: new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }),
  };
}

export const getLang = texts.lang;
export const t = texts.t;

export function toggleLang() {
  texts.setLang(texts.lang() === 'en' ? 'zh' : 'en');
}

export const fmtInt = (n) => fmt.int.format(n);
export const fmtDec = (n) => fmt.dec.format(n);
export const fmtClock = (ms) => fmt.clock.format(ms);
export const fmtStamp = (ms) => fmt.stamp.format(ms);

export function fmtUptime(seconds) {
  const d = Math.floor(seconds / 86400); const h = Math.floor(seconds / 3600) % 24;
  const m = Math.floor(seconds / 60) % 60; const s = seconds % 60;
  const zh = texts.lang() === 'zh';
  const units = zh ? ['天', '小时', '分', '秒'] : ['d', 'h', 'm', 's'];
  const parts = [[d, units[0]], [h, units[1]], [m, units[2]], [s, units[3]]];
  const first = parts.findIndex(([v]) => v > 0);
  return parts.slice(first < 0 ? 3 : first, (first < 0 ? 3 : first) + 2).map(([v, u]) => v + u).join(zh ? '' : ' ');
}

// The shared markup attributes, then the title and the language switch of the console.
export function translatePage(root = document) {
  texts.translatePage(root);
  document.title = `sse-chat · ${t('console')}`;
  for (const el of root.querySelectorAll('.lang-switch')) {
    el.textContent = t('otherLang');
    el.setAttribute('aria-label', t('langLabel'));
  }
}
