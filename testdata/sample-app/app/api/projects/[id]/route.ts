import { NextResponse } from "next/server";
import { prisma } from "../../../../lib/db";

// No session check, no validation of the body, and the raw error goes back to the caller.
export async function PATCH(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const body = await request.json();
  try {
    const project = await prisma.project.update({ where: { id }, data: body });
    return NextResponse.json(project);
  } catch (error: any) {
    return NextResponse.json({ error: error.message }, { status: 500 });
  }
}

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await prisma.$executeRawUnsafe(`DELETE FROM "Task" WHERE "projectId" = '${id}'`);
  await prisma.project.delete({ where: { id } });
  return new NextResponse(null, { status: 204 });
}
