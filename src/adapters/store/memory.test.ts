import { runTagStoreContract } from './contract.ts';
import { MemoryTagStore } from './memory.ts';

runTagStoreContract('memory', () => new MemoryTagStore());
