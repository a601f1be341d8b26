export { historySeeder, type SeededModel } from './history-seeder';
export { qryhUnderTest, type QryhUnderTest, type QryhData } from './qryh-under-test';
