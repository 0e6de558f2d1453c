/**
 * The booking page in a real headless Chromium (Debian `chromium` + playwright-core), on a phone-sized viewport:
 * register → search → pick a seat with the keyboard → hold → pay → the ticket appears in "My tickets".
 * Fails (never skips) when Chromium is missing: install it with `apt-get install -y chromium`
 * (or point CHROMIUM_PATH at a Chromium binary). Leaves a screenshot in test-output/trains-booking.png.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { bootForTest, BootedForTest } from '../support/boot';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUTPUT = join(__dirname, '..', '..', 'test-output');

describe('trains booking page in Chromium', () => {
  jest.setTimeout(60_000);
  let junction: BootedForTest;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    junction = await bootForTest({ MODULES: 'identity,trains' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
  });

  afterAll(async () => {
    await browser?.close();
    await junction?.close();
  });

  it('books a seat end to end and shows the ticket in "My tickets"', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, hasTouch: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const date = new Date(Date.now() + (3 + Math.floor(Math.random() * 60)) * 86_400_000).toISOString().slice(0, 10);

    await page.goto(`${junction.httpUrl}/trains/app`);
    await page.getByRole('button', { name: 'I am new: register' }).click();
    await page.getByLabel('Email').fill(`rider.${randomBytes(4).toString('hex')}@example.com`);
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByLabel('First name').fill('Rina');
    await page.getByLabel('Last name').fill('Rahman');
    await page.getByRole('button', { name: 'Register and log in' }).click();
    await page.getByText(/Logged in as rider\./).waitFor();

    await page.getByLabel('From').selectOption('Dhaka');
    await page.getByLabel('To').selectOption('Khulna');
    await page.getByLabel('Date').fill(date);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: /Choose seats on Sundarban Express/ }).first().click();

    // Keyboard: focus a free seat and press Space to select it.
    const seat = page.locator('button.seat.free').first();
    const seatId = (await seat.getAttribute('data-seat')) as string;
    await seat.focus();
    await page.keyboard.press('Space');
    await page.getByText(`Selected: ${seatId}`).waitFor();
    await page.getByRole('button', { name: 'Hold selected seats' }).click();
    await page.getByText(new RegExp(`You hold ${seatId} until`)).waitFor();
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.getByRole('status').getByText(/^Paid /).waitFor();
    await page.locator('#ticket-list li.ticket', { hasText: `seat ${seatId}` }).waitFor();
    await page.locator(`button.seat.sold[data-seat="${seatId}"]`).waitFor();

    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, 'trains-booking.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(await page.locator('#ticket-list li.ticket').count()).toBe(1);
  });
});
