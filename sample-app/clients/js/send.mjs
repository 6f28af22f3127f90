import { DaprClient, CommunicationProtocolEnum } from "@dapr/dapr";
const client = new DaprClient({ daprHost: "127.0.0.1", daprPort: "3500", communicationProtocol: CommunicationProtocolEnum.HTTP });
const result = await client.binding.send("myevent", "create", { message: "Hi from the Dapr JS SDK" }, { partitionKey: "js-1" });
console.log("send result:", JSON.stringify(result));
try {
  await client.binding.send("myevent", "delete", { x: 1 });
} catch (e) {
  console.log("error as expected:", e.message);
}
await client.stop();
