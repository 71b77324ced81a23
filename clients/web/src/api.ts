/**
 * The portal talks to the graph only through the trusted documents in clients/operations (the
 * files themselves, imported as text), with the signed-in user's token as `Authorization: Bearer`.
 */
import { shareSession } from './tab-session';
import ApplicationDetail from '../../operations/web/ApplicationDetail.graphql?raw';
import DepartmentPage from '../../operations/web/DepartmentPage.graphql?raw';
import HomePage from '../../operations/web/HomePage.graphql?raw';
import LivePublications from '../../operations/web/LivePublications.graphql?raw';
import MyApplicationUpdates from '../../operations/web/MyApplicationUpdates.graphql?raw';
import Login from '../../operations/web/Login.graphql?raw';
import Me from '../../operations/web/Me.graphql?raw';
import MyApplications from '../../operations/web/MyApplications.graphql?raw';
import MyFeedback from '../../operations/web/MyFeedback.graphql?raw';
import ProcedureCatalog from '../../operations/web/ProcedureCatalog.graphql?raw';
import ProcedureGuide from '../../operations/web/ProcedureGuide.graphql?raw';
import PublicationFeed from '../../operations/web/PublicationFeed.graphql?raw';
import PublicationPage from '../../operations/web/PublicationPage.graphql?raw';
import PublicationStanding from '../../operations/web/PublicationStanding.graphql?raw';
import EditorialPublications from '../../operations/officer/EditorialPublications.graphql?raw';
import EditorialPublication from '../../operations/officer/EditorialPublication.graphql?raw';
import UpdatePublication from '../../operations/officer/UpdatePublication.graphql?raw';
import UnpublishPublication from '../../operations/officer/UnpublishPublication.graphql?raw';
import ArchivePublication from '../../operations/officer/ArchivePublication.graphql?raw';
import SupersedePublication from '../../operations/officer/SupersedePublication.graphql?raw';
import PublicQuestions from '../../operations/web/PublicQuestions.graphql?raw';
import RateFeedback from '../../operations/web/RateFeedback.graphql?raw';
import Register from '../../operations/web/Register.graphql?raw';
import Search from '../../operations/web/Search.graphql?raw';
import SubmitApplication from '../../operations/web/SubmitApplication.graphql?raw';
import SubmitFeedback from '../../operations/web/SubmitFeedback.graphql?raw';
import SupplementApplication from '../../operations/web/SupplementApplication.graphql?raw';
import WithdrawApplication from '../../operations/web/WithdrawApplication.graphql?raw';
import ApplicationQueue from '../../operations/officer/ApplicationQueue.graphql?raw';
import CaseFile from '../../operations/officer/CaseFile.graphql?raw';
import FeedbackCases from '../../operations/officer/FeedbackCases.graphql?raw';
import MyApplicationFile from '../../operations/web/MyApplicationFile.graphql?raw';
import CreatePublication from '../../operations/officer/CreatePublication.graphql?raw';
import FeedbackQueue from '../../operations/officer/FeedbackQueue.graphql?raw';
import PublishPublication from '../../operations/officer/PublishPublication.graphql?raw';
import ReplyToFeedback from '../../operations/officer/ReplyToFeedback.graphql?raw';
import TransitionApplication from '../../operations/officer/TransitionApplication.graphql?raw';
import DepartmentDashboard from '../../operations/analyst/DepartmentDashboard.graphql?raw';
import MyNotifications from '../../operations/web/MyNotifications.graphql?raw';
import UnreadNotificationCount from '../../operations/web/UnreadNotificationCount.graphql?raw';
import MarkNotificationRead from '../../operations/web/MarkNotificationRead.graphql?raw';
import MarkAllNotificationsRead from '../../operations/web/MarkAllNotificationsRead.graphql?raw';
import NotificationSettings from '../../operations/web/NotificationSettings.graphql?raw';
import UpdateNotificationSettings from '../../operations/web/UpdateNotificationSettings.graphql?raw';
import DepartmentComparison from '../../operations/analyst/DepartmentComparison.graphql?raw';
import { en, type Messages } from './i18n/en';
import { zh } from './i18n/zh';

export const ops = {
  ApplicationDetail, HomePage, Login, Me, MyApplications, MyFeedback, ProcedureCatalog, ProcedureGuide,
  PublicationFeed, PublicationPage, PublicQuestions, RateFeedback, Register, Search, SubmitApplication,
  SubmitFeedback, SupplementApplication, WithdrawApplication, ApplicationQueue, CreatePublication,
  FeedbackQueue, PublishPublication, ReplyToFeedback, TransitionApplication, DepartmentDashboard,
  CaseFile, MyApplicationFile, FeedbackCases, DepartmentPage, MyNotifications, UnreadNotificationCount,
  MarkNotificationRead, MarkAllNotificationsRead, NotificationSettings, UpdateNotificationSettings,
  LivePublications, MyApplicationUpdates, PublicationStanding, EditorialPublications, EditorialPublication,
  UpdatePublication, UnpublishPublication, ArchivePublication, SupersedePublication, DepartmentComparison,
};

export interface UserError { field: string | null; message: string; code: string }

/**
 * The reader's chosen language, sent with every request as `X-Egov-Language`: the graph then
 * answers content, userErrors and error messages in it (and keeps its cached answers per language).
 */
let language: 'en' | 'zh' = 'en';
export const setRequestLanguage = (l: 'en' | 'zh') => {
  language = l;
};
export const getRequestLanguage = () => language;

/** A GraphQL error's words: the portal's own for a code it knows, else the server's (already in the reader's language). */
const errorWords = (code: string | undefined, server: string) =>
  (code && (language === 'zh' ? zh : en).serverErrors[code as keyof Messages['serverErrors']]) || server;

export class GraphError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

const TOKEN_KEY = 'egov.token';
let token: string | null = sessionStorage.getItem(TOKEN_KEY);
export const getToken = () => token;
// A link this tab opens in a new one keeps the sign-in (tab-session.ts).
shareSession(getToken);
export function setToken(t: string | null) {
  token = t;
  if (t) sessionStorage.setItem(TOKEN_KEY, t);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** Runs one operation; GraphQL errors (not userErrors, which are data) are thrown. */
export async function gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-egov-language': language, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = await res.json();
  } catch {
    throw new GraphError(`HTTP ${res.status}`);
  }
  if (body.errors?.length) {
    const e = body.errors[0];
    if (e.extensions?.code === 'UNAUTHENTICATED' && token) setToken(null);
    throw new GraphError(errorWords(e.extensions?.code, e.message), e.extensions?.code);
  }
  return body.data as T;
}
