import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'clipanion';
import { BrowserCommand } from '../cli/browser-command.js';

export class BrowserScreenshotCommand extends BrowserCommand {
  static override paths = [['browser', 'screenshot']];
  static override usage = Command.Usage({
    category: 'Browser',
    description: 'Take a PNG screenshot of a tab; --out copies it to a file here.',
    examples: [
      ['Screenshot the active tab', 'moltbot browser screenshot'],
      ['Whole page into a file', 'moltbot browser screenshot --full-page --out page.png'],
    ],
  });

  targetId = Option.String('--target-id', { description: 'Tab (default: the active one)' });
  fullPage = Option.Boolean('--full-page', false, { description: 'The whole page, not only the viewport' });
  outFile = Option.String('--out', {
    description: 'Write the PNG to this file (the gateway may be on another machine)',
  });

  async run(): Promise<void> {
    const r = await this.browser('screenshot', {
      targetId: this.targetId,
      fullPage: this.fullPage,
      inline: this.outFile !== undefined,
    });
    if (this.outFile) {
      fs.writeFileSync(this.outFile, Buffer.from(r.data as string, 'base64'));
      delete r.data;
      r.out = path.resolve(this.outFile);
    }
    this.emit(r, () =>
      this.out(this.outFile ? `wrote ${r.out} (${r.bytes} bytes)` : `saved ${r.path} (${r.bytes} bytes)`),
    );
  }
}
