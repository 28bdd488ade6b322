import type { TokenManager } from '../auth/tokenManager';
import { RingCentralError } from '../errors';
import type { QueryValue, RestClient } from '../http/restClient';
import { AccountInfoSchema, type AccountInfo } from '../schemas/account';
import { ExtensionInfoSchema, type ExtensionInfo } from '../schemas/extension';
import { parseRecords } from '../schemas/list';
import { parseAsReceived } from '../schemas/parse';
import type { z } from 'zod';
import type { PhoneNumber } from '../schemas/phoneNumber';
import type { ListDescriptor, ListPage } from '../lists/listDescriptor';
import { phoneNumberList } from '../lists/phoneNumberList';
import { pages, type PagingOptions } from './paging';

export interface CallOptions {
  signal?: AbortSignal;
  /** false: fail at once with a "retry at" error while a rate-limit penalty is in force. */
  waitForRateLimit?: boolean;
}

export interface PhoneNumberPage {
  index: number;
  totalPages: number | undefined;
  totalElements: number | undefined;
  numbers: PhoneNumber[];
  /** Records that failed validation on this page: reported, skipped, never fatal. */
  invalid: { index: number; issues: string }[];
}

export interface PhoneNumberFilter {
  usageType?: readonly string[];
  paymentType?: readonly string[];
  status?: readonly string[];
}

const REST = '/restapi/v1.0';

/** Authorized calls: a token from the manager, and after a 401 at most one new token and one retry. */
export class RingCentralApi {
  constructor(
    readonly client: RestClient,
    readonly tokens: TokenManager,
  ) {}

  async get(path: string, query?: Record<string, QueryValue>, options: CallOptions = {}): Promise<unknown> {
    const send = async (token: string): Promise<unknown> =>
      (
        await this.client.request({
          method: 'GET',
          path,
          ...(query ? { query } : {}),
          auth: { kind: 'bearer', token },
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.waitForRateLimit !== undefined ? { waitForRateLimit: options.waitForRateLimit } : {}),
        })
      ).body;
    const token = await this.tokens.accessToken(options.signal);
    try {
      return await send(token);
    } catch (e) {
      if (!(e instanceof RingCentralError) || e.status !== 401) throw e;
      return send(await this.tokens.replaceRejected(token, options.signal));
    }
  }

  async account(options?: CallOptions): Promise<AccountInfo> {
    return this.validated(await this.get(`${REST}/account/~`, undefined, options), AccountInfoSchema, 'account information');
  }

  async me(options?: CallOptions): Promise<ExtensionInfo> {
    return this.validated(await this.get(`${REST}/account/~/extension/~`, undefined, options), ExtensionInfoSchema, 'the signed-in user');
  }

  /**
   * Every record of a list, page by page through its group's gate (perPage up to 1000, following
   * `navigation.nextPage`). Each record is validated on its own: a bad one is reported in `invalid` and skipped.
   * `query` adds filters to the descriptor's own.
   */
  async *list<T extends object>(
    descriptor: ListDescriptor<T>,
    paging: PagingOptions = {},
    options: CallOptions = {},
    query: Record<string, QueryValue> = {},
  ): AsyncGenerator<ListPage<T>> {
    for await (const page of pages((p, q) => this.get(p, q, options), descriptor.path, { ...descriptor.query, ...query }, paging)) {
      const { valid, invalid } = parseRecords(page.records, descriptor.schema);
      yield { index: page.index, totalPages: page.totalPages, totalElements: page.totalElements, records: valid, invalid };
    }
  }

  /** Every company number, page by page, through the Heavy group's gate. */
  async *phoneNumbers(filter: PhoneNumberFilter = {}, paging: PagingOptions = {}, options: CallOptions = {}): AsyncGenerator<PhoneNumberPage> {
    const query: Record<string, QueryValue> = {};
    if (filter.usageType?.length) query.usageType = filter.usageType;
    if (filter.paymentType?.length) query.paymentType = filter.paymentType;
    if (filter.status?.length) query.status = filter.status;
    for await (const page of this.list(phoneNumberList, paging, options, query)) {
      yield { index: page.index, totalPages: page.totalPages, totalElements: page.totalElements, numbers: page.records, invalid: page.invalid };
    }
  }

  /** Returns the server's own object (every field, server order) once it passes the schema. */
  private validated<T>(body: unknown, schema: z.ZodType<T>, what: string): T {
    const parsed = parseAsReceived<T>(schema, body);
    if (parsed.success) return parsed.data;
    throw new RingCentralError({
      kind: 'malformed',
      message: `RingCentral's answer for ${what} is not usable (${parsed.issues}).`,
      hint: 'Try again; if it persists, the server may not be RingCentral (check ringcentral.server).',
    });
  }
}
