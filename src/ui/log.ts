import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import type { Redactor } from '../core/redact';
import { OUTPUT_CHANNEL_NAME } from './ids';

/** The "RingCentral" log channel; every line passes the redactor first. */
export class ChannelLogger implements Logger, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor(private readonly redactor: Redactor) {
    this.channel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  }

  trace(message: string): void {
    this.channel.trace(this.redactor.redact(message));
  }
  info(message: string): void {
    this.channel.info(this.redactor.redact(message));
  }
  warn(message: string): void {
    this.channel.warn(this.redactor.redact(message));
  }
  error(message: string): void {
    this.channel.error(this.redactor.redact(message));
  }

  dispose(): void {
    this.channel.dispose();
  }
}
