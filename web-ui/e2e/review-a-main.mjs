import { chromium } from 'playwright-core';
import { writeFileSync, mkdirSync } from 'node:fs';
const LANG = process.argv[2] || 'en';
const SCENS = process.argv.slice(3);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
const page = await ctx.newPage();
const log = [];
page.on('pageerror', e => log.push('PAGEERR ' + String(e)));
page.on('console', m => { if (m.type()==='error' || m.type()==='warning') log.push('CONSOLE ' + m.text()); });
await page.goto('http://127.0.0.1:8781/');
await page.waitForSelector('.page[data-status=done]', { timeout: 60000 });
if (LANG === 'ko') { await page.click('#lang'); await page.waitForTimeout(800); }
const runId = () => page.$eval('.page', p => Number(p.dataset.runId));
async function afterRun(action) {
  const prev = await runId();
  await action();
  await page.waitForFunction(prev => { const p = document.querySelector('.page'); return Number(p.dataset.runId) > prev && p.dataset.status === 'done'; }, prev, { timeout: 120000 });
}
async function dl(action, dir) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), action()]);
  const name = d.suggestedFilename();
  await d.saveAs(`${dir}/${name}`);
  return name;
}
for (const scen of SCENS) {
  const dir = `/tmp/review-a/out/${LANG}/${scen}`; mkdirSync(dir, { recursive: true });
  const val = await page.$$eval('#scenario-select option', (os, s) => (os.find(o => o.textContent.includes(s + '.toml')) || {}).value, scen);
  const t0 = Date.now();
  await afterRun(() => page.selectOption('#scenario-select', val));
  const info = { scen, ms: Date.now() - t0, url: page.url(), downloads: [] };
  await page.click('#tab-table'); await page.waitForTimeout(300);
  await page.locator('#panel-table').screenshot({ path: `${dir}/tab-table.png` });
  writeFileSync(`${dir}/tab-table.txt`, await page.innerText('#panel-table'));
  info.downloads.push(await dl(() => page.click('#export-csv'), dir));
  info.downloads.push(await dl(() => page.click('#export-json'), dir));
  await page.click('#tab-charts'); await page.waitForTimeout(500);
  const figs = await page.$$eval('#panel-charts figure', fs => fs.map(f => f.id));
  info.figs = figs;
  for (const id of figs) {
    const f = page.locator(`#${id}`);
    const tog = f.locator('button.numbers-toggle');
    if (await tog.count()) { await tog.click(); await page.waitForTimeout(100); }
    await f.screenshot({ path: `${dir}/fig-${id}.png` });
    writeFileSync(`${dir}/fig-${id}.txt`, await f.innerText());
    const bs = f.locator('.chart-downloads button');
    for (let i = 0; i < await bs.count(); i++) {
      try { info.downloads.push(await dl(() => bs.nth(i).click(), dir)); } catch (e) { info.downloads.push('ERR ' + id + ' ' + i + ' ' + e.message.split('\n')[0]); }
    }
  }
  await page.locator('#panel-charts').screenshot({ path: `${dir}/tab-charts.png` });
  for (const t of ['timeline', 'paths']) {
    await page.click(`#tab-${t}`); await page.waitForTimeout(500);
    if (t === 'timeline' && await page.$('#record-timeline')) { await afterRun(() => page.click('#record-timeline')); await page.waitForTimeout(500); }
    info[t+'_buttons'] = await page.$$eval(`#panel-${t} button`, bs => bs.map(b => b.id + ':' + b.textContent.trim()).slice(0, 40));
    const bb = await page.locator(`#panel-${t}`).boundingBox();
    await page.setViewportSize({ width: 1440, height: 1800 });
    await page.locator(`#panel-${t}`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${dir}/tab-${t}-top.png`, clip: { x: bb.x, y: bb.y, width: bb.width, height: Math.min(bb.height, 1700) }, fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    writeFileSync(`${dir}/tab-${t}.txt`, await page.innerText(`#panel-${t}`));
    writeFileSync(`${dir}/tab-${t}.html`, await page.innerHTML(`#panel-${t}`));
  }
  await page.screenshot({ path: `${dir}/page-top.png` });
  writeFileSync(`${dir}/info.json`, JSON.stringify(info, null, 1));
  console.log(JSON.stringify(info));
}
writeFileSync(`/tmp/review-a/out/${LANG}-log.txt`, log.join('\n'));
console.log(log.join('\n'));
await browser.close();
