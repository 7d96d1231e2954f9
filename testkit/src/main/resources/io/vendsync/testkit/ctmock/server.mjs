// Starts @labdigital/commercetools-mock on 127.0.0.1 (runServer() would bind every interface).
// Usage: node server.mjs <port>. Prints "LISTENING <port>" once ready; stops on SIGTERM/SIGINT.
import { CommercetoolsMock } from "@labdigital/commercetools-mock";

const port = Number.parseInt(process.argv[2] ?? "0", 10);
const mock = new CommercetoolsMock({
  enableAuthentication: true,
  validateCredentials: true,
  strict: false,
  silent: true,
});
const address = await mock.app.listen({ port, host: "127.0.0.1" });
console.log(`LISTENING ${new URL(address).port}`);
const stop = async () => {
  await mock.app.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
// Exit when the parent JVM dies and closes our stdin, so no orphan server outlives a killed test.
process.stdin.on("end", stop);
process.stdin.resume();
