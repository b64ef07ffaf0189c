import { NextResponse } from "next/server";
import { prisma } from "../../../../lib/db";

// Trusts whatever JSON arrives: nothing checks the Stripe signature.
export async function POST(request: Request) {
  const event = await request.json();
  if (event.type === "checkout.session.completed") {
    await prisma.subscription.update({
      where: { stripeCustomerId: event.data.object.customer },
      data: { status: "active" },
    });
  }
  return NextResponse.json({ received: true });
}
