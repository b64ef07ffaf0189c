import { NextResponse } from "next/server";
import { z } from "zod";
import { prisma } from "../../../lib/db";
import { requireUser } from "../../../lib/auth";

const createProject = z.object({ name: z.string().min(1).max(100) });

export async function GET() {
  const user = await requireUser();
  const projects = await prisma.project.findMany({ where: { owner: { email: user.email! } } });
  return NextResponse.json(projects);
}

export async function POST(request: Request) {
  const user = await requireUser();
  try {
    const { name } = createProject.parse(await request.json());
    const project = await prisma.project.create({
      data: { name, owner: { connect: { email: user.email! } } },
    });
    return NextResponse.json(project, { status: 201 });
  } catch (error) {
    return NextResponse.json({ error: "Invalid project" }, { status: 400 });
  }
}
