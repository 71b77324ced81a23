import { catalogueMessage, paramList } from '../../../core/messages';
import { notFound, requireRole, userError } from '../../kit/errors';
import { isUuid } from '../../kit/ids';
import { fromGraph, toGraph } from '../../kit/language';
import { decodeCursor, pageSize, toConnection } from '../../kit/paging';
import { countNotifications, listNotifications, markAllRead, markRead } from '../db/notifications.repository';
import { changeNotificationSettings } from '../db/users.repository';
import type { MutationResolvers, NotificationResolvers, UserResolvers } from '../generated/resolvers';
import type { IdentityContext } from '../loaders';

/** A person's inbox and settings are theirs alone: anyone else reading them gets null. */
const own = (ctx: IdentityContext, userId: string) => ctx.identity.userId === userId || ctx.signedIn === userId;

export const Notification: NotificationResolvers = {
  text: (n, _, ctx) => catalogueMessage(ctx.language, n.code, n.params) ?? n.code,
  params: (n) => paramList(n.params),
  trackingNumber: (n) => n.params.trackingNumber ?? '',
  status: (n) => n.params.status ?? '',
  createdAt: (n) => n.created_at,
  read: (n) => n.read_at !== null,
  readAt: (n) => n.read_at,
};

export const userNotificationFields: Pick<UserResolvers, 'notifications' | 'unreadNotificationCount' | 'preferredLanguage' | 'emailNotifications'> = {
  notifications: async (u, args, ctx) => {
    if (!own(ctx, u.id)) return null;
    const size = pageSize(args.first);
    const after = decodeCursor(args.after, ['instant', 'uuid']) as [string, string] | null;
    const unreadOnly = args.unreadOnly ?? false;
    const rows = await listNotifications(ctx.db, u.id, { limit: size + 1, after, unreadOnly });
    return toConnection(rows, size, (n) => [n.created_at.toISOString(), n.id], () => countNotifications(ctx.db, u.id, unreadOnly), after !== null);
  },
  unreadNotificationCount: (u, _, ctx) => (own(ctx, u.id) ? ctx.loaders.unreadCount.load(u.id) : null),
  preferredLanguage: (u, _, ctx) => (own(ctx, u.id) ? toGraph(u.language) : null),
  emailNotifications: (u, _, ctx) => (own(ctx, u.id) ? u.email_notifications : null),
};

export const notificationMutations: Pick<MutationResolvers, 'markNotificationRead' | 'markAllNotificationsRead' | 'updateNotificationSettings'> = {
  markNotificationRead: async (_, { id }, ctx) => {
    const userId = requireRole(ctx.identity);
    const notification = isUuid(id) ? await markRead(ctx.db, userId, id) : undefined;
    if (!notification) throw notFound('Notification');
    return { notification, marked: 1, unreadNotificationCount: await ctx.loaders.unreadCount.load(userId) };
  },
  markAllNotificationsRead: async (_, __, ctx) => {
    const userId = requireRole(ctx.identity);
    const marked = await markAllRead(ctx.db, userId);
    return { notification: null, marked, unreadNotificationCount: 0 };
  },
  updateNotificationSettings: async (_, { input }, ctx) => {
    const userId = requireRole(ctx.identity);
    if (input.preferredLanguage === null || input.emailNotifications === null) {
      return { user: null, userErrors: [userError(input.preferredLanguage === null ? 'input.preferredLanguage' : 'input.emailNotifications', 'REQUIRED', 'Give a value, or leave the field out.')] };
    }
    const user = await changeNotificationSettings(ctx.db, userId, {
      language: input.preferredLanguage ? fromGraph(input.preferredLanguage) : undefined,
      emailNotifications: input.emailNotifications ?? undefined,
    });
    if (!user) return { user: null, userErrors: [userError(null, 'NO_ACCOUNT', 'This account no longer exists.')] };
    return { user, userErrors: [] };
  },
};
