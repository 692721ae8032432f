import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto('http://127.0.0.1:8110/');
await page.waitForSelector('#scenario-select');
const opts = await page.$$eval('#scenario-select option', os => os.map(o => [o.value, o.textContent]));
const name = process.argv[2];
const idx = opts.findIndex(o => o[1].includes(name));
await page.selectOption('#scenario-select', opts[idx][0]);
await page.waitForTimeout(4000);
if (process.argv[5]) { await page.click(process.argv[5]); await page.waitForTimeout(1500); }
const sel = process.argv[3];
if (sel) { const el = await page.$(sel); await el.scrollIntoViewIfNeeded(); await el.screenshot({ path: process.argv[4] }); }
else await page.screenshot({ path: process.argv[4], fullPage: false });
console.log(opts.map(o=>o[1]).join(' | '));
await browser.close();
